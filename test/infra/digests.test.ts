import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { DIGEST_SENDERS } from "../../infra/constructs/digests.js";
import { PROD, synthesize } from "./synthesize.js";

const { template, stack } = synthesize(PROD);
const digests = stack.digests!;
const reminders = stack.ceuReminders!;
const email = stack.email!;
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
    expect(actionsOf(statementsOf(reminders.remindersFunction))).toContain("ses:SendRawEmail");
    // The collector sends operator alerts, to alarmEmail only (collectors.test.ts).
    for (const fn of [digests.dispatchFunction, email.suppressionFunction]) {
      expect(actionsOf(statementsOf(fn)).filter((action) => /^ses/i.test(action))).toEqual([]);
    }
  });

  it("gives each function only the table actions it uses, never Scan", () => {
    const all = [
      digests.dispatchFunction,
      digests.sendFunction,
      reminders.remindersFunction,
      email.suppressionFunction,
    ].flatMap((fn) => actionsOf(statementsOf(fn)));
    expect(all).not.toContain("dynamodb:Scan");
    expect(all.filter((a) => a === "dynamodb:*")).toEqual([]);
    expect(
      actionsOf(statementsOf(digests.dispatchFunction)).filter((a) => a.startsWith("dynamodb:")),
    ).toEqual(["dynamodb:Query"]);
  });

  it("hands each function the settings its handler reads, and only those", () => {
    const variablesOf = (fn: { node: { defaultChild?: unknown } }) =>
      Object.keys(
        template.findResources("AWS::Lambda::Function")[stack.getLogicalId(fn.node.defaultChild as never)]!
          .Properties.Environment.Variables as Record<string, unknown>,
      ).filter((name) => name.startsWith("CODECURRENT_"));
    const mail = [
      "CODECURRENT_SUBSCRIBERS_TABLE",
      "CODECURRENT_CEUS_TABLE",
      "CODECURRENT_SENDER_ADDRESS",
      "CODECURRENT_PUBLIC_URL",
      "CODECURRENT_SES_CONFIGURATION_SET",
      "CODECURRENT_TOKEN_SECRET_PARAMETER",
      "CODECURRENT_MAX_SEND_RATE",
    ];
    expect(variablesOf(digests.dispatchFunction).sort()).toEqual(
      ["CODECURRENT_SUBSCRIBERS_TABLE", "CODECURRENT_DIGEST_QUEUE_URL"].sort(),
    );
    expect(variablesOf(digests.sendFunction).sort()).toEqual(
      // The sources table: only changes of complete releases are mailed.
      [
        ...mail,
        "CODECURRENT_DELIVERIES_TABLE",
        "CODECURRENT_CHANGES_TABLE",
        "CODECURRENT_SOURCES_TABLE",
      ].sort(),
    );
    expect(variablesOf(reminders.remindersFunction).sort()).toEqual(
      [...mail, "CODECURRENT_DELIVERIES_TABLE"].sort(),
    );
    expect(variablesOf(email.suppressionFunction)).toEqual(["CODECURRENT_SUBSCRIBERS_TABLE"]);

    const send = template.findResources("AWS::Lambda::Function")[
      stack.getLogicalId(digests.sendFunction.node.defaultChild as never)
    ]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(send.CODECURRENT_SENDER_ADDRESS).toBe("digest@example.org");
    // Each of the concurrent senders gets its share of the account's rate (digestSendRate 10).
    expect(send.CODECURRENT_MAX_SEND_RATE).toBe(String(10 / DIGEST_SENDERS));
  });

  it("deploys only the subscriber tables without a sender address", () => {
    const dev = synthesize({}).stack;
    for (const part of [dev.email, dev.digests, dev.ceuReminders, dev.subscriptions, dev.tokenSecret])
      expect(part).toBeUndefined();
    expect(dev.subscriberTables.subscribers).toBeDefined();
    expect(dev.subscriberTables.deliveries).toBeDefined();
  });
});
