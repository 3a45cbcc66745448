import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/** Anything in a dead-letter queue is work that failed for good: one message is worth a look. */
export function deadLettersAlarm(
  scope: Construct,
  id: string,
  deadLetterQueue: IQueue,
  description: string,
  topic: ITopic,
): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: description,
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}

/**
 * A queue that stays above `threshold` messages for `periods` × `period`: its consumer has stalled
 * (a burst drains within a period or two).
 */
export function backlogAlarm(
  scope: Construct,
  id: string,
  queue: IQueue,
  options: { description: string; threshold: number; period: Duration; periods: number },
  topic: ITopic,
): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: options.description,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: options.period }),
    threshold: options.threshold,
    evaluationPeriods: options.periods,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
