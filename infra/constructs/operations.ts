import { Annotations, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  type Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { COLLECTION_METRICS } from "#shared/log/metric-names.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import type { Source } from "#shared/sources/source.js";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { COLLECT_TIMEOUT, type Collectors } from "./collectors.js";

/** CloudWatch caps an alarm's window (period x evaluation periods) at 7 days for hourly periods. */
const MAX_SILENT_HOURS = 7 * 24;

export interface OperationsProps {
  readonly config: CodecurrentConfig;
  readonly collectors: Collectors;
}

/**
 * What tells an operator something is wrong: alarms on failed and silent sources, dead letters,
 * and function errors and throttles, all sent to one encrypted SNS topic (emailed when
 * `alarmEmail` is set); and a dashboard of the per-source collection metrics.
 */
export class Operations extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { config, collectors } = props;

    // A customer managed key, because CloudWatch alarms cannot publish to a topic encrypted with
    // the AWS managed aws/sns key: its key policy cannot be edited to let CloudWatch use it.
    const key = new Key(this, "AlarmTopicKey", {
      description: "codecurrent alarm topic encryption",
      enableKeyRotation: true,
      // The key only protects messages in flight; nothing stored needs it after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    this.alarmTopic = new Topic(this, "AlarmTopic", {
      displayName: "codecurrent alarms",
      masterKey: key,
      enforceSSL: true,
    });
    if (config.alarmEmail) {
      this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    } else {
      Annotations.of(this).addWarning(
        "No alarmEmail configured: alarms publish to the SNS topic but nobody is subscribed. Deploy with -c alarmEmail=you@example.org.",
      );
    }
    const notify = new SnsAction(this.alarmTopic);
    const alarm = (alarmId: string, metric: Metric, options: AlarmOptions): Alarm => {
      const created = metric.createAlarm(this, alarmId, {
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const source of SOURCE_CATALOG) {
      alarm(
        `FailedRuns-${source.id}`,
        sourceMetric(source, COLLECTION_METRICS.failedRuns, Duration.hours(1)),
        {
          alarmDescription: `A ${source.id} collection run failed (fetch, parse or sanity gate). Read the source's last run in the runs table for the reason.`,
        },
      );

      const silentHours = Math.min(source.cadence.silentAfterHours, MAX_SILENT_HOURS);
      if (silentHours < source.cadence.silentAfterHours) {
        Annotations.of(this).addWarning(
          `${source.id}: silentAfterHours ${source.cadence.silentAfterHours} exceeds CloudWatch's 7-day alarm window; alarming after ${silentHours} h.`,
        );
      }
      // Hourly periods, all of which must be empty or zero: one successful run anywhere in the
      // window keeps the alarm quiet. No data at all (the collector never ran) is the failure
      // this alarm exists for, hence missing data breaches.
      alarm(
        `Silent-${source.id}`,
        sourceMetric(source, COLLECTION_METRICS.successfulRuns, Duration.hours(1)),
        {
          alarmDescription: `No successful ${source.id} collection run in ${silentHours} hours: the schedule, the function or the source is stuck.`,
          evaluationPeriods: silentHours,
          datapointsToAlarm: silentHours,
          comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
          treatMissingData: TreatMissingData.BREACHING,
        },
      );
    }

    const fn = collectors.collectFunction;
    alarm("CollectErrors", fn.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }), {
      alarmDescription: "The collect function threw (crash, timeout or out of memory). See its log group.",
    });
    alarm("CollectThrottles", fn.metricThrottles({ period: Duration.minutes(5), statistic: "Sum" }), {
      alarmDescription:
        "Invocations of collect were throttled: reserved concurrency is too low for the schedules.",
    });
    alarm("CollectNearTimeout", fn.metricDuration({ period: Duration.minutes(5), statistic: "Maximum" }), {
      alarmDescription: "A collect run used over 80% of its timeout: the next larger release may not fit.",
      threshold: COLLECT_TIMEOUT.toMilliseconds() * 0.8,
    });
    const dlqs: [string, Queue, string][] = [
      [
        "ScheduleDeadLetters",
        collectors.scheduleDeadLetterQueue,
        "EventBridge Scheduler could not invoke collect",
      ],
      ["FailedInvocations", collectors.failedInvocationQueue, "collect failed after Lambda's retries"],
    ];
    for (const [alarmId, queue, what] of dlqs) {
      alarm(
        alarmId,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: "Maximum" }),
        {
          alarmDescription: `Messages in a dead-letter queue: ${what}. Read them, fix the cause, redrive or purge.`,
        },
      );
    }

    this.dashboard = new Dashboard(this, "Dashboard", {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.days(14),
    });
    const perSource = (metricName: string, statistic: string, period: Duration) =>
      SOURCE_CATALOG.map((source) =>
        sourceMetric(source, metricName, period, statistic).with({ label: source.id }),
      );
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# codecurrent (${config.stage})\nCollection runs per source. Alarms notify the SNS topic \`${this.alarmTopic.node.path}\`.`,
        width: 24,
        height: 2,
      }),
      new AlarmStatusWidget({ title: "Alarms", alarms: this.alarms, width: 24, height: 4 }),
      new GraphWidget({
        title: "Successful runs",
        left: perSource(COLLECTION_METRICS.successfulRuns, "Sum", Duration.days(1)),
        width: 12,
      }),
      new GraphWidget({
        title: "Failed runs",
        left: perSource(COLLECTION_METRICS.failedRuns, "Sum", Duration.days(1)),
        width: 12,
      }),
      new GraphWidget({
        title: "Records parsed (last run)",
        left: perSource(COLLECTION_METRICS.recordsParsed, "Maximum", Duration.days(1)),
        width: 12,
      }),
      new GraphWidget({
        title: "Run duration (ms)",
        left: perSource(COLLECTION_METRICS.runDuration, "Maximum", Duration.days(1)),
        width: 12,
      }),
      new GraphWidget({
        title: "Codes added",
        left: perSource(COLLECTION_METRICS.changesAdded, "Sum", Duration.days(1)),
        width: 8,
      }),
      new GraphWidget({
        title: "Codes deleted",
        left: perSource(COLLECTION_METRICS.changesDeleted, "Sum", Duration.days(1)),
        width: 8,
      }),
      new GraphWidget({
        title: "Codes revised",
        left: perSource(COLLECTION_METRICS.changesRevised, "Sum", Duration.days(1)),
        width: 8,
      }),
      new GraphWidget({
        title: "collect function",
        left: [fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles()],
        right: [fn.metricDuration({ statistic: "Maximum" })],
        width: 12,
      }),
      new GraphWidget({
        title: "Dead-letter queues",
        left: dlqs.map(([, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({ statistic: "Maximum" }),
        ),
        width: 12,
      }),
    );
  }
}

type AlarmOptions = {
  readonly alarmDescription: string;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly threshold?: number;
  readonly comparisonOperator?: ComparisonOperator;
  readonly treatMissingData?: TreatMissingData;
};

/** A collection metric of one source. Unlabelled: a label turns an alarm's metric into a metric-math query. */
function sourceMetric(source: Source, metricName: string, period: Duration, statistic = "Sum"): Metric {
  return new Metric({
    namespace: COLLECTION_METRICS.namespace,
    metricName,
    dimensionsMap: { [COLLECTION_METRICS.sourceDimension]: source.id },
    statistic,
    period,
  });
}
