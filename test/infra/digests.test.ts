import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { DIGEST_SENDERS } from "../../infra/constructs/digests.js";
import { PROD, synthesize } from "./synthesize.js";

const { template, stack } = synthesize(PROD);
const digests = stack.digests.sending!;
const resolve = (value: unknown) => stack.resolve(value);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement attached to the role of a function (inline policies the CDK generates). */
function statementsOf(fn: { role?: unknown }): Statement[] {
  const roleRef = JSON.stringify(resolve((fn.role as { roleName: string }).roleName));
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((ref) => JSON.stringify(ref) === roleRef))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe("digests", () => {
  it("stores subscribers and deliveries in their own tables, found by email hash and status", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "subscriberId", KeyType: "HASH" }],
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: "byEmailHash" }),
        Match.objectLike({ IndexName: "byStatus" }),
      ]),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: "subscriberId", KeyType: "HASH" },
        { AttributeName: "deliveryKey", KeyType: "RANGE" },
      ],
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("dispatches hourly and reminds daily", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "cron(5 * * * ? *)",
      State: "ENABLED",
    });
    template.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "cron(15 13 * * ? *)" });
  });

  it("fans out through an encrypted queue with a dead-letter queue, retried per message", () => {
    template.hasResourceProperties("AWS::SQS::Queue", {
      SqsManagedSseEnabled: true,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
      VisibilityTimeout: 360,
    });
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      BatchSize: 10,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: DIGEST_SENDERS },
    });
  });

  it("routes SES bounces and complaints through an encrypted SNS topic to the suppression function", () => {
    template.hasResourceProperties("AWS::SES::ConfigurationSet", {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
    });
    template.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
      EventDestination: Match.objectLike({
        MatchingEventTypes: ["bounce", "complaint"],
        SnsDestination: Match.anyValue(),
      }),
    });
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties("AWS::SNS::Subscription", { Protocol: "lambda" });
  });

  it("lets only the sender and the reminders send email, from the configured identity through the configuration set", () => {
    const send = statementsOf(digests.sendFunction).find((s) => actionsOf([s]).includes("ses:SendRawEmail"))!;
    expect(JSON.stringify(send.Resource)).toContain("identity/digest@example.org");
    expect(JSON.stringify(send.Resource)).toContain("identity/example.org");
    expect(JSON.stringify(send.Resource)).toContain("configuration-set/");
    expect(send.Condition).toEqual({ StringEquals: { "ses:FromAddress": "digest@example.org" } });
    expect(actionsOf(statementsOf(digests.remindersFunction))).toContain("ses:SendRawEmail");
    for (const fn of [
      digests.dispatchFunction,
      digests.sesEventsFunction,
      stack.collectors.collectFunction,
    ]) {
      expect(actionsOf(statementsOf(fn)).filter((action) => /^ses/i.test(action))).toEqual([]);
    }
  });

  it("gives each function only the table actions it uses, never Scan", () => {
    const all = [
      digests.dispatchFunction,
      digests.sendFunction,
      digests.remindersFunction,
      digests.sesEventsFunction,
    ].flatMap((fn) => actionsOf(statementsOf(fn)));
    expect(all).not.toContain("dynamodb:Scan");
    expect(all.filter((a) => a === "dynamodb:*")).toEqual([]);
    expect(
      actionsOf(statementsOf(digests.dispatchFunction)).filter((a) => a.startsWith("dynamodb:")),
    ).toEqual(["dynamodb:Query"]);
  });

  it("hands every function the settings the Lambda code reads", () => {
    const fn = template.findResources("AWS::Lambda::Function", {
      Properties: {
        Environment: { Variables: Match.objectLike({ CODECURRENT_DIGEST_QUEUE_URL: Match.anyValue() }) },
      },
    });
    const [dispatch] = Object.values(fn);
    const variables = dispatch!.Properties.Environment.Variables as Record<string, unknown>;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        "CODECURRENT_SUBSCRIBERS_TABLE",
        "CODECURRENT_DELIVERIES_TABLE",
        "CODECURRENT_CHANGES_TABLE",
        "CODECURRENT_SENDER_ADDRESS",
        "CODECURRENT_PUBLIC_URL",
        "CODECURRENT_SES_CONFIGURATION_SET",
        "CODECURRENT_TOKEN_SECRET_PARAMETER",
        "CODECURRENT_MAX_SEND_RATE",
      ]),
    );
    expect(variables.CODECURRENT_SENDER_ADDRESS).toBe("digest@example.org");
    expect(variables.CODECURRENT_MAX_SEND_RATE).toBe("5");
  });

  it("deploys only the subscriber tables without a sender address", () => {
    const dev = synthesize({}).stack;
    expect(dev.digests.sending).toBeUndefined();
    expect(dev.digests.subscribers).toBeDefined();
  });
});
