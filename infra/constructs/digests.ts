import path from "node:path";
import { fileURLToPath } from "node:url";
import { Annotations, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Effect, type IRole, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Architecture } from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { DELIVERIES_TABLE, SUBSCRIBERS_TABLE } from "#shared/aws/tables.js";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import type { ChangeLog } from "./change-log.js";
import { FUNCTION_RUNTIME } from "./collectors.js";
import { deadLetterQueue } from "./dead-letter-queue.js";
import { functionEnvironment, lambdaBundling, suppressPinnedRuntime } from "./lambda-bundling.js";
import { tableFromDefinition } from "./table-from-definition.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Send-digest functions running at once: with DIGEST_SEND_RATE each, the account's SES rate is never exceeded. */
export const DIGEST_SENDERS = 2;

export interface DigestsProps {
  readonly config: CodecurrentConfig;
  readonly changeLog: ChangeLog;
  /** The SES identity digests come from (verified in SES); without one only the tables are deployed. */
  readonly senderAddress?: string;
  /** Base URL of the API that serves /subscriptions/* (links in every email). */
  readonly publicBaseUrl: string;
  /** Alarms on undeliverable digests go here. */
  readonly alarmTopic?: Topic;
}

/** Alarms this construct adds to the alarm topic: undelivered digests, and a backlog that does not drain. */
export const DIGEST_ALARMS = 2;

/** Queued digests above which, for an hour, sending has stalled (SES paused, a bug): well above an hour's fan-out. */
const BACKLOG_ALARM_MESSAGES = 5_000;

/**
 * People: subscribers and deliveries tables, the hourly dispatcher that queues due digests, the
 * queue and sender that send each at most once, the daily CEU reminders, and the SES
 * configuration set whose bounces and complaints come back through SNS to suppress addresses.
 * Each function has its own role with exactly what it does; nothing else in the stack can send
 * email.
 */
export class Digests extends Construct {
  readonly subscribers: Table;
  readonly deliveries: Table;
  /** Present when a sender address is configured. */
  readonly sending?: DigestSending;

  constructor(scope: Construct, id: string, props: DigestsProps) {
    super(scope, id);
    // The tables always exist (every table in ALL_TABLES is provisioned); sending needs an identity.
    this.subscribers = tableFromDefinition(this, SUBSCRIBERS_TABLE, props.config.stage);
    this.deliveries = tableFromDefinition(this, DELIVERIES_TABLE, props.config.stage);
    if (props.senderAddress) {
      this.sending = new DigestSending(this, "Sending", {
        ...props,
        senderAddress: props.senderAddress,
        subscribers: this.subscribers,
        deliveries: this.deliveries,
      });
    } else {
      Annotations.of(this).addInfo(
        "No senderAddress configured: subscriber tables only, no digests sent. Deploy with -c senderAddress=….",
      );
    }
  }
}

interface DigestSendingProps extends DigestsProps {
  readonly senderAddress: string;
  readonly subscribers: Table;
  readonly deliveries: Table;
}

/** The functions, queue, schedules and SES wiring that send digests and reminders. */
export class DigestSending extends Construct {
  readonly subscribers: Table;
  readonly deliveries: Table;
  readonly digestQueue: Queue;
  readonly digestDeadLetterQueue: Queue;
  readonly sesEventsTopic: Topic;
  readonly configurationSet: ConfigurationSet;
  readonly dispatchFunction: NodejsFunction;
  readonly sendFunction: NodejsFunction;
  readonly remindersFunction: NodejsFunction;
  readonly sesEventsFunction: NodejsFunction;
  /** SSM SecureString with the subscription token secret; created by the operator (infra/README.md). */
  readonly tokenSecretParameterName: string;
  /** Variables the subscription endpoints (another function, e.g. the API's) need. */
  readonly subscriptionEnvironment: Readonly<Record<string, string>>;

  private readonly props: DigestSendingProps;

  constructor(scope: Construct, id: string, props: DigestSendingProps) {
    super(scope, id);
    this.props = props;
    const { config, changeLog } = props;
    this.subscribers = props.subscribers;
    this.deliveries = props.deliveries;
    this.tokenSecretParameterName =
      config.tokenSecretParameter ?? `/codecurrent/${Stack.of(this).stackName}/subscription-token-secret`;

    // Bounces and complaints: SES publishes to an encrypted topic, so its key must let SES use it.
    const key = new Key(this, "SesEventsKey", {
      description: "codecurrent: encrypts SES bounce and complaint events",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal("ses.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    this.sesEventsTopic = new Topic(this, "SesEventsTopic", { masterKey: key, enforceSSL: true });
    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      // SES's account-level list as well: an address that bounced is not even attempted again.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: EventDestination.snsTopic(this.sesEventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

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

    const common = {
      CODECURRENT_SUBSCRIBERS_TABLE: this.subscribers.tableName,
      CODECURRENT_DELIVERIES_TABLE: this.deliveries.tableName,
      CODECURRENT_CHANGES_TABLE: changeLog.changes.tableName,
      CODECURRENT_SENDER_ADDRESS: props.senderAddress,
      CODECURRENT_PUBLIC_URL: props.publicBaseUrl,
      CODECURRENT_SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
      CODECURRENT_TOKEN_SECRET_PARAMETER: this.tokenSecretParameterName,
      CODECURRENT_MAX_SEND_RATE: String(Math.max(1, Math.floor(config.digestSendRate / DIGEST_SENDERS))),
    };
    this.subscriptionEnvironment = common;

    this.dispatchFunction = this.digestFunction(
      "Dispatch",
      "digest-dispatch.ts",
      "Hourly: queues the digests due now",
      {
        env: { ...common, CODECURRENT_DIGEST_QUEUE_URL: this.digestQueue.queueUrl },
        timeout: Duration.minutes(5),
      },
    );
    this.sendFunction = this.digestFunction(
      "Send",
      "send-digest.ts",
      "Sends one digest per queued job, at most once",
      {
        env: common,
        timeout: Duration.minutes(1),
        memoryMb: 1024,
      },
    );
    this.remindersFunction = this.digestFunction(
      "CeuReminders",
      "ceu-reminders.ts",
      "Daily: CEU reminders 90/30/7 days out",
      {
        env: common,
        timeout: Duration.minutes(10),
      },
    );
    this.sesEventsFunction = this.digestFunction(
      "SesEvents",
      "ses-events.ts",
      "Suppresses bounced and complaining addresses",
      {
        env: common,
        timeout: Duration.seconds(30),
      },
    );

    // Dispatcher: reads active subscribers, queues ids.
    this.allowItems(this.dispatchFunction.role!, this.subscribers, ["dynamodb:Query"], "byStatus");
    this.digestQueue.grantSendMessages(this.dispatchFunction);
    // Sender: reads and moves on a subscriber, reads the change log, claims deliveries, sends.
    this.allowItems(this.sendFunction.role!, this.subscribers, ["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    this.allowItems(this.sendFunction.role!, changeLog.changes, ["dynamodb:Query"], "byDetectedDay");
    this.allowItems(this.sendFunction.role!, this.deliveries, [
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
    ]);
    this.allowSending(this.sendFunction.role!);
    this.sendFunction.addEventSource(
      new SqsEventSource(this.digestQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: DIGEST_SENDERS,
      }),
    );
    // Reminders: read active subscribers, claim deliveries, send.
    this.allowItems(this.remindersFunction.role!, this.subscribers, ["dynamodb:Query"], "byStatus");
    this.allowItems(this.remindersFunction.role!, this.deliveries, [
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
    ]);
    this.allowSending(this.remindersFunction.role!);
    // SES events: find an address by its hash, suppress it.
    this.allowItems(this.sesEventsFunction.role!, this.subscribers, ["dynamodb:Query"], "byEmailHash");
    this.allowItems(this.sesEventsFunction.role!, this.subscribers, [
      "dynamodb:GetItem",
      "dynamodb:UpdateItem",
    ]);
    this.sesEventsTopic.addSubscription(new LambdaSubscription(this.sesEventsFunction));

    const schedules = config.schedulesEnabled;
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
      enabled: schedules,
    });
    new Rule(this, "DailyCeuReminders", {
      description: "codecurrent: CEU reminders 90, 30 and 7 days before a cycle ends",
      schedule: Schedule.cron({ minute: "15", hour: "13" }),
      targets: [
        new LambdaFunction(this.remindersFunction, {
          retryAttempts: 2,
          deadLetterQueue: this.digestDeadLetterQueue,
        }),
      ],
      enabled: schedules,
    });

    if (props.alarmTopic) {
      new Alarm(this, "UndeliveredDigests", {
        alarmDescription: "Digest jobs failed three times and wait in the dead-letter queue",
        metric: this.digestDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(props.alarmTopic));
      new Alarm(this, "DigestBacklog", {
        alarmDescription: "Queued digests are not draining: sending has stalled",
        metric: this.digestQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(15) }),
        threshold: BACKLOG_ALARM_MESSAGES,
        evaluationPeriods: 4,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(props.alarmTopic));
    }
  }

  /**
   * What the token-protected subscription endpoints (shared/subscriptions/subscription-api.ts),
   * mounted in another function, need: subscribers read and written (sign-up, confirm, preferences,
   * unsubscribe, CEUs), the token secret, and sending the one confirmation email.
   */
  grantSubscriptionEndpoints(role: IRole): void {
    this.allowItems(role, this.subscribers, ["dynamodb:Query"], "byEmailHash");
    this.allowItems(role, this.subscribers, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
    this.allowSending(role);
  }

  private digestFunction(
    id: string,
    entry: string,
    description: string,
    options: { env: Record<string, string>; timeout: Duration; memoryMb?: number },
  ): NodejsFunction {
    const logGroup = new LogGroup(this, `${id}Logs`, {
      retention: this.props.config.logRetentionDays,
      removalPolicy: this.props.config.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // Own role (no AWSLambdaBasicExecutionRole: it may write to every log group in the account).
    const role = new Role(this, `${id}Role`, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `codecurrent digests: ${description}`,
    });
    logGroup.grantWrite(role);
    const fn = new NodejsFunction(this, id, {
      entry: path.join(REPO_ROOT, "functions", entry),
      depsLockFilePath: path.join(REPO_ROOT, "package-lock.json"),
      projectRoot: REPO_ROOT,
      handler: "handler",
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: options.memoryMb ?? 512,
      timeout: options.timeout,
      role,
      logGroup,
      description: `codecurrent: ${description}`,
      environment: {
        ...options.env,
        ...functionEnvironment("digests"),
      },
      bundling: lambdaBundling(),
    });
    suppressPinnedRuntime(fn);
    return fn;
  }

  private allowItems(role: IRole, table: Table, actions: string[], index?: string): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions,
        resources: [index ? `${table.tableArn}/index/${index}` : table.tableArn],
      }),
    );
  }

  /** SendRawEmail from the sender identity (the address, or its domain if that is what SES verified), through the configuration set only. */
  private allowSending(role: IRole): void {
    const stack = Stack.of(this);
    const domain = this.props.senderAddress.split("@")[1] ?? this.props.senderAddress;
    const identity = (name: string) =>
      stack.formatArn({ service: "ses", resource: "identity", resourceName: name });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["ses:SendRawEmail"],
        resources: [
          identity(this.props.senderAddress),
          identity(domain),
          stack.formatArn({
            service: "ses",
            resource: "configuration-set",
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { "ses:FromAddress": this.props.senderAddress } },
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["ssm:GetParameter"],
        resources: [
          stack.formatArn({
            service: "ssm",
            resource: "parameter",
            resourceName: this.tokenSecretParameterName.replace(/^\//, ""),
          }),
        ],
      }),
    );
  }
}
