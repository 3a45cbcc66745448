import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { COLLECTION_METRICS } from "#shared/log/metric-names.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { DIGEST_ALARMS } from "../../infra/constructs/digests.js";
import { SIGN_UP_ALARMS } from "../../infra/constructs/sign-up-worker.js";
import { logicalIds, PROD, synthesize } from "./synthesize.js";

const { template } = synthesize(PROD);
const topic = () => {
  // The alarm topic; the digests' SES events topic is another construct's.
  const ids = logicalIds(template, "AWS::SNS::Topic").filter((id) => id.startsWith("Operations"));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
const alarms = () => Object.values(template.findResources("AWS::CloudWatch::Alarm"));
const sourceDimension = (sourceId: string) => [{ Name: COLLECTION_METRICS.sourceDimension, Value: sourceId }];

describe("alarms", () => {
  it.each(SOURCE_CATALOG.map((source) => [source.id, source] as const))(
    "%s: alarms on a failed run and on silence past its silentAfterHours",
    (_id, source) => {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: COLLECTION_METRICS.namespace,
        MetricName: COLLECTION_METRICS.failedRuns,
        Dimensions: sourceDimension(source.id),
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        Threshold: 1,
      });
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: COLLECTION_METRICS.namespace,
        MetricName: COLLECTION_METRICS.successfulRuns,
        Dimensions: sourceDimension(source.id),
        Period: 3600,
        EvaluationPeriods: source.cadence.silentAfterHours,
        DatapointsToAlarm: source.cadence.silentAfterHours,
        ComparisonOperator: "LessThanThreshold",
        Threshold: 1,
        TreatMissingData: "breaching",
      });
    },
  );

  it("alarms on Lambda errors, throttles and runs near the timeout", () => {
    for (const metric of ["Errors", "Throttles", "Duration"]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/Lambda",
        MetricName: metric,
      });
    }
  });

  it("alarms on every queue: messages in a dead-letter queue, a backlog in a work queue", () => {
    const dlqAlarms = alarms().filter(
      (alarm) =>
        alarm.Properties.Namespace === "AWS/SQS" &&
        alarm.Properties.MetricName === "ApproximateNumberOfMessagesVisible",
    );
    const queues = dlqAlarms.map((alarm) => alarm.Properties.Dimensions[0].Value["Fn::GetAtt"][0]).sort();
    expect(queues).toEqual(logicalIds(template, "AWS::SQS::Queue").sort());
  });

  it("notifies the alarm topic from every alarm", () => {
    expect(alarms().length).toBe(SOURCE_CATALOG.length * 2 + 5 + DIGEST_ALARMS + SIGN_UP_ALARMS);
    for (const alarm of alarms()) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic() }]);
  });
});

describe("alarm topic", () => {
  it("is encrypted with a rotating key CloudWatch may use", () => {
    template.hasResourceProperties("AWS::SNS::Topic", {
      KmsMasterKeyId: { "Fn::GetAtt": [Match.anyValue(), "Arn"] },
    });
    template.hasResourceProperties("AWS::KMS::Key", {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          }),
        ]),
      },
    });
  });

  it("refuses publishing without TLS", () => {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  it("emails the configured address, and nobody when none is configured", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: PROD.alarmEmail,
    });
    synthesize({ alarmEmail: "" }).template.resourceCountIs("AWS::SNS::Subscription", 0);
  });
});

describe("dashboard", () => {
  it("graphs the per-source collection metrics", () => {
    const dashboards = Object.values(template.findResources("AWS::CloudWatch::Dashboard"));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const name of Object.values(COLLECTION_METRICS).filter(
      (value) => /^[A-Z]/.test(value) && value !== "Codecurrent",
    )) {
      expect(body).toContain(name);
    }
    for (const source of SOURCE_CATALOG) expect(body).toContain(`\\"sourceId\\",\\"${source.id}\\"`);
  });
});
