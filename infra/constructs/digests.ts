import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { Topic } from "aws-cdk-lib/aws-sns";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import type { ChangeLog } from "./change-log.js";
import { CodecurrentFunction } from "./codecurrent-function.js";
import { deadLetterQueue } from "./dead-letter-queue.js";
import { backlogAlarm, deadLettersAlarm } from "./queue-alarms.js";
import type { SubscriberMail } from "./subscriber-mail.js";
import { grantItems } from "./table-grants.js";

/** Send-digest functions running at once: with `digestSenderRate` each, the account's SES rate is never exceeded. */
export const DIGEST_SENDERS = 2;

/** Emails per second one sending function may use: the configured account rate, shared by the concurrent senders. */
export function digestSenderRate(config: CodecurrentConfig): number {
  return Math.max(1, Math.floor(config.digestSendRate / DIGEST_SENDERS));
}

/** Alarms this construct adds to the alarm topic: undelivered digests, and a backlog that does not drain. */
export const DIGEST_ALARMS = 2;

/** Queued digests above which, for an hour, sending has stalled (SES paused, a bug): well above an hour's fan-out. */
const BACKLOG_ALARM_MESSAGES = 5_000;

export interface DigestsProps {
  readonly config: CodecurrentConfig;
  readonly changeLog: ChangeLog;
  readonly mail: SubscriberMail;
  /** Alarms on undeliverable digests go here. */
  readonly alarmTopic?: Topic;
}

/**
 * Digest delivery: the hourly dispatcher that queues the digests due (ids only), the queue with
 * its dead-letter queue, the sender that sends each at most once (partial batch failures retried
 * alone), and the alarms that say when digests are not going out. Each function has its own role
 * with exactly what it does.
 */
export class Digests extends Construct {
  readonly digestQueue: Queue;
  readonly digestDeadLetterQueue: Queue;
  readonly dispatchFunction: NodejsFunction;
  readonly sendFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: DigestsProps) {
    super(scope, id);
    const { config, changeLog, mail } = props;
    const { subscribers, deliveries } = mail.tables;

    this.digestDeadLetterQueue = deadLetterQueue(
      this,
      "DigestDeadLetterQueue",
      "digest jobs that failed 3 times",
    );
    this.digestQueue = new Queue(this, "DigestQueue", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the sender's timeout, as Lambda's SQS guidance says, so a slow batch is not redelivered mid-send.
      visibilityTimeout: Duration.minutes(6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.digestDeadLetterQueue, maxReceiveCount: 3 },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Dispatcher: reads active subscribers, queues their ids; it needs neither SES nor the token secret.
    const dispatch = new CodecurrentFunction(this, "Dispatch", {
      config,
      entry: "digest-dispatch.ts",
      description: "Hourly: queues the digests due now",
      roleDescription: "query active subscribers, queue digest jobs, own logs",
      service: "digests",
      memorySize: 512,
      timeout: Duration.minutes(5),
      settings: { subscribersTable: subscribers.tableName, digestQueueUrl: this.digestQueue.queueUrl },
    });
    this.dispatchFunction = dispatch.function;
    grantItems(dispatch.role, subscribers, ["dynamodb:Query"], "byStatus");
    this.digestQueue.grantSendMessages(dispatch.role);

    // Sender: reads and moves on a subscriber, reads the change log, claims deliveries, sends.
    const send = new CodecurrentFunction(this, "Send", {
      config,
      entry: "send-digest.ts",
      description: "Sends one digest per queued job, at most once",
      roleDescription:
        "subscribers, their CEU log, changes by day, release status, deliveries, send email, own logs",
      service: "digests",
      memorySize: 1024,
      timeout: Duration.minutes(1),
      settings: {
        ...mail.settings,
        deliveriesTable: deliveries.tableName,
        changesTable: changeLog.changes.tableName,
        // Only changes of complete releases are mailed: the sender reads each release's status.
        sourcesTable: changeLog.sources.tableName,
      },
    });
    this.sendFunction = send.function;
    grantItems(send.role, subscribers, ["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    grantItems(send.role, mail.tables.ceus, ["dynamodb:Query"]);
    grantItems(send.role, changeLog.changes, ["dynamodb:Query"], "byDetectedDay");
    grantItems(send.role, changeLog.sources, ["dynamodb:GetItem"]);
    grantItems(send.role, deliveries, ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]);
    mail.grantMail(send.role);
    this.sendFunction.addEventSource(
      new SqsEventSource(this.digestQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: DIGEST_SENDERS,
      }),
    );

    new Rule(this, "HourlyDispatch", {
      description: "codecurrent: queue the digests due this hour in each subscriber's time zone",
      // A few minutes past the hour, after the collectors' top-of-the-hour runs have written.
      schedule: Schedule.cron({ minute: "5" }),
      targets: [
        new LambdaFunction(this.dispatchFunction, {
          retryAttempts: 2,
          deadLetterQueue: this.digestDeadLetterQueue,
        }),
      ],
      enabled: config.schedulesEnabled,
    });

    if (props.alarmTopic) {
      deadLettersAlarm(
        this,
        "UndeliveredDigests",
        this.digestDeadLetterQueue,
        "Digest jobs or reminder runs failed three times and wait in the dead-letter queue",
        props.alarmTopic,
      );
      backlogAlarm(
        this,
        "DigestBacklog",
        this.digestQueue,
        {
          description: "Queued digests are not draining: sending has stalled",
          threshold: BACKLOG_ALARM_MESSAGES,
          period: Duration.minutes(15),
          periods: 4,
        },
        props.alarmTopic,
      );
    }
  }
}
