import { Match, type Template } from "aws-cdk-lib/assertions";
import { AttributeType, Table } from "aws-cdk-lib/aws-dynamodb";
import { describe, expect, it } from "vitest";
import { readEnvironment } from "#shared/config/environment.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { COLLECT_MEMORY_MB } from "../../infra/constructs/collectors.js";
import { logicalIds, PROD, synthesize } from "./synthesize.js";

// A table a later issue adds (subscribers: personal data). The collector must not reach it.
const withSubscribers = synthesize(PROD, (stack) => {
  new Table(stack, "SubscribersTable", {
    partitionKey: { name: "subscriberId", type: AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
});
const { template } = withSubscribers;

function collectFunction(t: Template = template) {
  const functions = t.findResources("AWS::Lambda::Function", { Properties: { Handler: "index.handler" } });
  const entries = Object.entries(functions).filter(([id]) => id.includes("Collect"));
  expect(entries).toHaveLength(1);
  const [id, resource] = entries[0]!;
  return { id, properties: resource.Properties as Record<string, unknown> };
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement the collect function's role is granted, inline or attached. */
function collectRoleStatements(): Statement[] {
  const role = (collectFunction().properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  const roleResource = template.findResources("AWS::IAM::Role")[role];
  expect(roleResource?.Properties.ManagedPolicyArns).toBeUndefined();
  const inline = (roleResource?.Properties.Policies ?? []) as {
    PolicyDocument: { Statement: Statement[] };
  }[];
  const attached = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
    (policy.Properties.Roles as unknown[]).some(
      (ref) => JSON.stringify(ref) === JSON.stringify({ Ref: role }),
    ),
  );
  return [...inline, ...attached.map((policy) => policy.Properties)].flatMap(
    (policy) => policy.PolicyDocument.Statement as Statement[],
  );
}

const actionsOf = (statement: Statement) => [statement.Action].flat();

describe("collect function", () => {
  it("runs Node.js 22 on ARM64, sized for a full code-set file", () => {
    const { properties } = collectFunction();
    expect(properties.Runtime).toBe("nodejs22.x");
    expect(properties.Architectures).toEqual(["arm64"]);
    expect(properties.MemorySize).toBe(COLLECT_MEMORY_MB);
    expect(properties.MemorySize).toBeGreaterThanOrEqual(1024);
    expect(properties.Timeout).toBe(300);
  });

  it("reserves concurrency (configurable, or off)", () => {
    expect(collectFunction().properties.ReservedConcurrentExecutions).toBe(5);
    expect(
      collectFunction(synthesize({ collectReservedConcurrency: "2" }).template).properties
        .ReservedConcurrentExecutions,
    ).toBe(2);
    expect(
      collectFunction(synthesize({ collectReservedConcurrency: "off" }).template).properties
        .ReservedConcurrentExecutions,
    ).toBeUndefined();
  });

  it("gets the environment the Lambda code reads, pointing at this stack's tables and bucket", () => {
    const variables = (collectFunction().properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    const asText = Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    );
    const environment = readEnvironment(asText);
    const ref = (type: string, pattern: string) => {
      const ids = logicalIds(template, type).filter((id) => id.includes(pattern));
      expect(ids).toHaveLength(1);
      return JSON.stringify({ Ref: ids[0] });
    };
    expect(environment.changesTable).toBe(ref("AWS::DynamoDB::Table", "ChangesTable"));
    expect(environment.sourcesTable).toBe(ref("AWS::DynamoDB::Table", "SourcesTable"));
    expect(environment.runsTable).toBe(ref("AWS::DynamoDB::Table", "RunsTable"));
    expect(environment.archiveBucket).toBe(ref("AWS::S3::Bucket", "ArchiveBucket"));
    expect(variables.CODECURRENT_MAX_DELETION_SHARE).toBe("0.2");
    expect(variables.NODE_OPTIONS).toBe("--enable-source-maps");
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe("collect");
    // Local emulator endpoints must never reach AWS.
    expect(
      Object.keys(variables).filter((key) => key.endsWith("_ENDPOINT") || key.includes("MIRROR")),
    ).toEqual([]);
  });

  it("hands the collector the operator's per-source sanity limits, read back as the function reads them, and refuses unknown sources", () => {
    const limits = { hcpcs: { maxRevisedShare: 0.4 } };
    const { properties } = collectFunction(synthesize({ sanityLimits: JSON.stringify(limits) }).template);
    const variables = (properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(readEnvironment(variables).sanityLimits).toEqual(limits);
    expect(() => synthesize({ sanityLimits: { nosuch: { maxAddedShare: 0.5 } } })).toThrow(
      /sanityLimits names unknown sources: nosuch/,
    );
    expect(() => synthesize({ sanityLimits: { hcpcs: { maxAddedShare: 5 } } })).toThrow(/sanityLimits/);
  });

  it("sends failed asynchronous invocations to a dead-letter queue after retries", () => {
    const { id } = collectFunction();
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: id },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: {
        OnFailure: {
          Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("FailedInvocationQueue"), "Arn"] },
        },
      },
    });
  });

  it("writes its logs to its own log group with a retention", () => {
    const { properties } = collectFunction();
    const logGroup = (properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(template.findResources("AWS::Logs::LogGroup")[logGroup]?.Properties.RetentionInDays).toBe(365);
  });
});

describe("collect role: least privilege", () => {
  const statements = collectRoleStatements();

  it("may email the operators only: SendRawEmail from the sender identity, to alarmEmail, nothing else of SES", () => {
    const mail = statements.filter((statement) =>
      actionsOf(statement).some((action) => /^(ses|sesv2|sns):/i.test(action)),
    );
    expect(mail.flatMap(actionsOf)).toEqual(["ses:SendRawEmail"]);
    expect(mail[0]!.Condition).toEqual({
      StringEquals: { "ses:FromAddress": PROD.senderAddress },
      "ForAllValues:StringEquals": { "ses:Recipients": [PROD.alarmEmail] },
    });
  });

  it("has no wildcard actions and only the services collection needs", () => {
    const actions = statements.flatMap(actionsOf);
    expect(actions.filter((action) => action.includes("*"))).toEqual([]);
    expect(new Set(actions.map((action) => action.split(":")[0]))).toEqual(
      new Set(["dynamodb", "s3", "logs", "sqs", "ses"]),
    );
    // Append-only change log: nothing deletes or scans.
    expect(actions.filter((action) => /Delete|Scan|s3:\*|PutBucket/i.test(action))).toEqual([]);
  });

  it("reaches only the change log tables, the archive, its log group and its failure queue", () => {
    const referenced = new Set(
      [
        ...JSON.stringify(statements.map((statement) => statement.Resource)).matchAll(
          /"(?:Ref|Fn::GetAtt)":\["?([A-Za-z0-9]+)/g,
        ),
      ].map((match) => match[1]),
    );
    const allowed = [
      ...logicalIds(template, "AWS::DynamoDB::Table").filter((id) => /Changes|Sources|Runs/.test(id)),
      ...logicalIds(template, "AWS::S3::Bucket").filter((id) => id.includes("ArchiveBucket")),
      ...logicalIds(template, "AWS::Logs::LogGroup").filter((id) => id.startsWith("Collectors")),
      ...logicalIds(template, "AWS::SQS::Queue").filter((id) => id.includes("FailedInvocation")),
    ];
    expect([...referenced].sort()).toEqual(allowed.sort());
    const subscribers = logicalIds(template, "AWS::DynamoDB::Table").filter((id) =>
      id.startsWith("SubscribersTable"),
    );
    expect(subscribers).toHaveLength(1);
    expect(JSON.stringify(statements)).not.toContain(subscribers[0]);
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  it("may read and write items, and read and put evidence objects", () => {
    const actions = new Set(statements.flatMap(actionsOf));
    for (const action of [
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
    ]) {
      expect(actions).toContain(action);
    }
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]) expect(actions).toContain(action);
  });
});

describe("schedules", () => {
  const schedules = () => Object.values(template.findResources("AWS::Scheduler::Schedule"));

  it("has one schedule per catalog source, at its own cadence, with its sourceId as input", () => {
    expect(schedules()).toHaveLength(SOURCE_CATALOG.length);
    const { id } = collectFunction();
    for (const source of SOURCE_CATALOG) {
      template.hasResourceProperties("AWS::Scheduler::Schedule", {
        ScheduleExpression: source.cadence.schedule,
        State: "ENABLED",
        Target: Match.objectLike({
          Arn: { "Fn::GetAtt": [id, "Arn"] },
          Input: JSON.stringify({ sourceId: source.id }),
        }),
      });
    }
  });

  it("retries delivery and dead-letters what it cannot deliver", () => {
    for (const schedule of schedules()) {
      expect(schedule.Properties.Target.RetryPolicy).toEqual({
        MaximumRetryAttempts: 3,
        MaximumEventAgeInSeconds: 7200,
      });
      expect(schedule.Properties.Target.DeadLetterConfig.Arn["Fn::GetAtt"][0]).toMatch(
        /ScheduleDeadLetterQueue/,
      );
    }
  });

  it("can be overridden per source and deployed disabled", () => {
    const { template: t } = synthesize({
      scheduleOverrides: '{"hcpcs":"rate(12 hours)"}',
      schedulesEnabled: "false",
    });
    t.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(12 hours)",
      State: "DISABLED",
      Target: Match.objectLike({ Input: JSON.stringify({ sourceId: "hcpcs" }) }),
    });
    expect(() => synthesize({ scheduleOverrides: { nope: "rate(1 day)" } })).toThrow(/unknown sources: nope/);
  });

  it("groups the schedules under the stack's name, removed with the stack", () => {
    template.hasResource("AWS::Scheduler::ScheduleGroup", {
      Properties: { Name: "codecurrent-prod" },
      DeletionPolicy: "Delete",
    });
  });

  it("invokes through a role trusted only by Scheduler for this account", () => {
    template.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: "scheduler.amazonaws.com" },
            Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
          }),
        ],
      },
    });
  });

  it("keeps dead letters encrypted, TLS-only, for 14 days", () => {
    // The collectors' own queues: other constructs (digests) have queues of their own.
    const queues = Object.fromEntries(
      Object.entries(template.findResources("AWS::SQS::Queue")).filter(([id]) => id.startsWith("Collectors")),
    );
    expect(Object.keys(queues)).toHaveLength(2);
    for (const queue of Object.values(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
    expect(
      Object.keys(template.findResources("AWS::SQS::QueuePolicy")).filter((id) =>
        id.startsWith("Collectors"),
      ),
    ).toHaveLength(2);
  });
});
