import { Annotations, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { SqsDestination } from "aws-cdk-lib/aws-lambda-destinations";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { LogGroup } from "aws-cdk-lib/aws-logs";
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import { environmentVariables } from "#shared/config/environment.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import type { Source } from "#shared/sources/source.js";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import type { ChangeLog } from "./change-log.js";
import { CodecurrentFunction } from "./codecurrent-function.js";
import { CollectEgress } from "./collect-egress.js";
import { deadLetterQueue } from "./dead-letter-queue.js";
import type { EmailSending } from "./email-sending.js";

/**
 * Sized for the largest code-set release (ICD-10-CM: ~74k lines, a zip of a few MB, parsed,
 * diffed against the previous snapshot and written as a few thousand change items): 1 GB also
 * buys a proportional CPU share, which the parse and diff are bound by. NCCI PTP (2.6 million
 * edits a quarter, four parts) is streamed: `npm run bench` diffs a full generated quarter in
 * about 3 s at about 200 MB peak RSS, so 1 GB leaves room for the compressed parts and snapshots.
 */
export const COLLECT_MEMORY_MB = 1024;
/** Downloads from cms.gov can be slow; well under Lambda's 15-minute ceiling so a stuck run is noticed. */
export const COLLECT_TIMEOUT = Duration.minutes(5);

export interface CollectorsProps {
  readonly config: CodecurrentConfig;
  readonly changeLog: ChangeLog;
}

/**
 * The collect function and what drives it: one EventBridge Scheduler schedule per catalog
 * source, each invoking `collect` with `{ "sourceId": id }`, and the dead-letter queues that keep
 * whatever could not be delivered or did not succeed.
 */
export class Collectors extends Construct {
  readonly collectFunction: NodejsFunction;
  /** The collect function's own role (alerts add their grant to it). */
  readonly role: Role;
  /** With `collectEgress=fixed-ip`: the VPC and the one address collection goes out from. */
  readonly egress?: CollectEgress;
  /** Events EventBridge Scheduler could not deliver to the function, after its retries. */
  readonly scheduleDeadLetterQueue: Queue;
  /** Asynchronous invocations of `collect` that failed after Lambda's retries. */
  readonly failedInvocationQueue: Queue;
  /** One schedule per source, by source id. */
  readonly schedules: ReadonlyMap<string, Schedule>;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CollectorsProps) {
    super(scope, id);
    const { config, changeLog } = props;

    this.scheduleDeadLetterQueue = deadLetterQueue(
      this,
      "ScheduleDeadLetterQueue",
      "EventBridge Scheduler targets",
    );
    this.failedInvocationQueue = deadLetterQueue(
      this,
      "FailedInvocationQueue",
      "on-failure destination of collect",
    );

    if (config.collectEgress === "fixed-ip") this.egress = new CollectEgress(this, "Egress", { config });
    const collect = new CodecurrentFunction(this, "Collect", {
      config,
      entry: "collect.ts",
      description: "Collects one source ({ sourceId }): fetch, parse, diff, write changes",
      roleDescription: "change log tables, evidence archive, own log group",
      service: "collect",
      memorySize: COLLECT_MEMORY_MB,
      timeout: COLLECT_TIMEOUT,
      settings: {
        changesTable: changeLog.changes.tableName,
        sourcesTable: changeLog.sources.tableName,
        runsTable: changeLog.runs.tableName,
        archiveBucket: changeLog.archive.bucket.bucketName,
        maxDeletionShare: config.maxDeletionShare,
        // Download and zip limits are sized to it (shared/collect/memory-budget.ts).
        memoryMb: COLLECT_MEMORY_MB,
        ...(Object.keys(config.sanityLimits).length > 0 ? { sanityLimits: config.sanityLimits } : {}),
      },
      invocation: {
        // Caps parallel downloads from CMS (be a polite client) and DynamoDB write bursts; async
        // invocations over the cap wait in Lambda's queue and are retried, not lost.
        reservedConcurrentExecutions: config.collectReservedConcurrency,
        // A failed run may be a transient CMS outage; writes are conditional and idempotent, so
        // a retry is safe. What still fails lands in the queue, and an alarm says so.
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(this.failedInvocationQueue),
      },
      ...(this.egress
        ? {
            network: {
              vpc: this.egress.vpc,
              vpcSubnets: this.egress.subnets,
              securityGroups: [this.egress.securityGroup],
            },
          }
        : {}),
    });
    this.collectFunction = collect.function;
    this.logGroup = collect.logGroup;
    const role = collect.role;
    this.role = role;
    this.egress?.grantNetworkInterfaces(role);

    this.grantChangeLog(role, changeLog);
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Queries run on the change log tables' own global secondary indexes (bySource, byCode, ...): the index ARNs are table-ARN/index/*, scoped to these tables.",
          appliesTo: [{ regex: "/^Resource::<.*Table[A-F0-9]+\\.Arn>\\/index\\/\\*$/g" }],
        },
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Evidence objects are keyed by sha256, unknown until fetched: object access is bucket-ARN/*, scoped to the evidence archive bucket.",
          appliesTo: [{ regex: "/^Resource::<.*ArchiveBucket[A-F0-9]+\\.Arn>\\/\\*$/g" }],
        },
      ],
      true,
    );

    const group = new ScheduleGroup(this, "Schedules", {
      scheduleGroupName: Stack.of(this).stackName,
      // Named after the stack: a retained group would block the next deploy of the same stack name.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // One role for every schedule, trusted only by Scheduler acting for this account (confused deputy).
    const schedulerRole = new Role(this, "SchedulerRole", {
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
      description: "codecurrent schedules: invoke collect, dead-letter undeliverable events",
    });
    const target = (source: Source) =>
      new LambdaInvoke(this.collectFunction, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ sourceId: source.id }),
        deadLetterQueue: this.scheduleDeadLetterQueue,
        // Retries cover delivery (throttled or unavailable Invoke API), not the run itself.
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      });

    const unknown = Object.keys(config.scheduleOverrides).filter(
      (id) => !SOURCE_CATALOG.some((s) => s.id === id),
    );
    if (unknown.length > 0) {
      throw new Error(
        `scheduleOverrides names unknown sources: ${unknown.join(", ")} (known: ${SOURCE_CATALOG.map((s) => s.id).join(", ")})`,
      );
    }
    const unlimited = Object.keys(config.sanityLimits).filter(
      (id) => !SOURCE_CATALOG.some((s) => s.id === id),
    );
    if (unlimited.length > 0) {
      throw new Error(
        `sanityLimits names unknown sources: ${unlimited.join(", ")} (known: ${SOURCE_CATALOG.map((s) => s.id).join(", ")})`,
      );
    }
    if (!config.schedulesEnabled) {
      Annotations.of(this).addInfo(
        "schedulesEnabled=false: schedules are deployed disabled; run collectors on demand.",
      );
    }

    const schedules = new Map<string, Schedule>();
    for (const source of SOURCE_CATALOG) {
      schedules.set(
        source.id,
        new Schedule(this, `Collect-${source.id}`, {
          scheduleGroup: group,
          description: `codecurrent: collect ${source.title} (${source.id})`,
          // Catalog expressions are written in UTC (see SourceCadence).
          schedule: ScheduleExpression.expression(
            config.scheduleOverrides[source.id] ?? source.cadence.schedule,
          ),
          target: target(source),
          enabled: config.schedulesEnabled,
        }),
      );
    }
    this.schedules = schedules;
    // After the schedules: their targets are what add the role's policy this applies to.
    NagSuppressions.addResourceSuppressions(
      schedulerRole,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "lambda:InvokeFunction is granted on the collect function's ARN and its qualified ARNs (ARN:version or alias), the way Lambda's grantInvoke does; it is this one function.",
          appliesTo: [{ regex: "/^Resource::<.*Collect[A-F0-9]+\\.Arn>:\\*$/g" }],
        },
      ],
      true,
    );
  }

  /**
   * Operator alerts from the collector (`alarmEmail` with a `senderAddress`): after
   * `alertAfterFailures` failed runs in a row of a source, one email to the operators, and one when
   * it recovers, sent through the project's SES sender.
   */
  enableOperatorAlerts(email: EmailSending, operators: string, afterFailures: number): void {
    const variables = environmentVariables({
      alertEmail: operators,
      alertAfterFailures: afterFailures,
      ...email.settings,
    });
    for (const [name, value] of Object.entries(variables)) this.collectFunction.addEnvironment(name, value);
    // To the operators only: the collector never mails a subscriber.
    email.grantSend(this.role, [operators]);
  }

  /**
   * Exactly what collection does: items read and written in the change log tables and objects
   * read and written in the archive. No Scan and no DeleteItem (the change log is append-only;
   * old runs expire by TTL, which needs no grant), no object deletion, nothing else.
   */
  private grantChangeLog(role: Role, changeLog: ChangeLog): void {
    const tables = [...changeLog.tables.values()];
    role.addToPolicy(
      new PolicyStatement({
        sid: "ChangeLogTables",
        effect: Effect.ALLOW,
        actions: [
          "dynamodb:GetItem",
          "dynamodb:BatchGetItem",
          "dynamodb:Query",
          "dynamodb:ConditionCheckItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:DescribeTable",
        ],
        resources: tables.flatMap((table) => [table.tableArn, `${table.tableArn}/index/*`]),
      }),
    );
    const bucket = changeLog.archive.bucket;
    role.addToPolicy(
      new PolicyStatement({
        sid: "EvidenceObjects",
        effect: Effect.ALLOW,
        actions: ["s3:GetObject", "s3:PutObject"],
        resources: [bucket.arnForObjects("*")],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: "EvidenceListing",
        effect: Effect.ALLOW,
        // Without ListBucket, HeadObject on a missing key answers 403 instead of 404, and the
        // archive could not tell "not archived yet" from "denied".
        actions: ["s3:ListBucket"],
        resources: [bucket.bucketArn],
      }),
    );
  }
}
