import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { Topic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { CodecurrentFunction } from "./codecurrent-function.js";
import { deadLetterQueue } from "./dead-letter-queue.js";
import { backlogAlarm, deadLettersAlarm } from "./queue-alarms.js";
import type { SubscriberMail } from "./subscriber-mail.js";
import { grantItems } from "./table-grants.js";

/** Alarms this construct adds to the alarm topic: failed sign-ups, and a queue that does not drain. */
export const SIGN_UP_ALARMS = 2;

/** Waiting sign-ups above which, for half an hour, the worker has stalled (or a flood got past the WAF). */
const BACKLOG_ALARM_MESSAGES = 200;

/** A sign-up's DynamoDB work and one SES send (paced), with room to spare. */
export const SIGN_UP_TIMEOUT = Duration.seconds(30);

export interface SignUpWorkerProps {
  readonly config: CodecurrentConfig;
  readonly mail: SubscriberMail;
  readonly alarmTopic?: Topic;
}

/**
 * Where the public forms' requests are handled, out of the requester's sight: the queue the pages
 * put sign-up and fresh-link requests on (encrypted; a request holds an address and preferences
 * until it is handled, then it is deleted), and the worker that claims the address, stages or
 * creates the subscriber and sends at most one confirmation a day per address.
 */
export class SignUpWorker extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly workerFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: SignUpWorkerProps) {
    super(scope, id);
    const { config, mail } = props;
    const { subscribers, deliveries, addresses } = mail.tables;
    this.deadLetterQueue = deadLetterQueue(this, "DeadLetterQueue", "sign-up requests that failed 3 times");
    this.queue = new Queue(this, "Queue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the worker's timeout, as Lambda's SQS guidance says.
      visibilityTimeout: Duration.minutes(3),
      // A request not handled within a day is stale: the person will have signed up again.
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const worker = new CodecurrentFunction(this, "Worker", {
      config,
      entry: "sign-up-requests.ts",
      description:
        "Handles queued sign-ups and fresh-link requests: one subscriber per address, one confirmation a day",
      roleDescription: "subscribers, addresses, deliveries, send email, the token secret, own logs",
      service: "sign-ups",
      memorySize: 512,
      timeout: SIGN_UP_TIMEOUT,
      settings: {
        ...mail.settings,
        addressesTable: addresses.tableName,
        deliveriesTable: deliveries.tableName,
      },
    });
    this.workerFunction = worker.function;
    grantItems(worker.role, subscribers, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
    // Subscribers from before the addresses table are found by their address's hash.
    grantItems(worker.role, subscribers, ["dynamodb:Query"], "byEmailHash");
    grantItems(worker.role, addresses, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
    grantItems(worker.role, deliveries, ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]);
    mail.grantMail(worker.role);
    this.workerFunction.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 2 }),
    );
    if (props.alarmTopic) {
      deadLettersAlarm(
        this,
        "FailedSignUps",
        this.deadLetterQueue,
        "Sign-up requests failed three times and wait in the dead-letter queue",
        props.alarmTopic,
      );
      backlogAlarm(
        this,
        "SignUpBacklog",
        this.queue,
        {
          description: "Queued sign-up requests are not draining: confirmations are not going out",
          threshold: BACKLOG_ALARM_MESSAGES,
          period: Duration.minutes(10),
          periods: 3,
        },
        props.alarmTopic,
      );
    }
  }
}
