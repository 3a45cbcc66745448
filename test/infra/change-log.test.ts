import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { ALL_TABLES, CHANGE_LOG_TABLES, type TableDefinition } from "#shared/aws/tables.js";
import { PROD, synthesize } from "./synthesize.js";

const dev = synthesize();
const prod = synthesize(PROD);

function keySchema(definition: { partitionKey: string; sortKey?: string }) {
  return [
    { AttributeName: definition.partitionKey, KeyType: "HASH" },
    ...(definition.sortKey ? [{ AttributeName: definition.sortKey, KeyType: "RANGE" }] : []),
  ];
}

function tableProperties(definition: TableDefinition) {
  return {
    KeySchema: keySchema(definition),
    GlobalSecondaryIndexes:
      definition.indexes.length === 0
        ? Match.absent()
        : Match.arrayWith(
            definition.indexes.map((index) =>
              Match.objectLike({
                IndexName: index.name,
                KeySchema: keySchema(index),
                Projection: { ProjectionType: "ALL" },
              }),
            ),
          ),
  };
}

describe("change log tables", () => {
  it.each(CHANGE_LOG_TABLES.map((definition) => [definition.name, definition] as const))(
    "%s is built from its shared definition: keys, indexes, on-demand, PITR, KMS encryption, TTL",
    (_name, definition) => {
      dev.template.hasResourceProperties("AWS::DynamoDB::Table", {
        ...tableProperties(definition),
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: definition.timeToLive
          ? { AttributeName: definition.timeToLive, Enabled: true }
          : Match.absent(),
      });
    },
  );

  it("has exactly the indexes the definitions declare, no more", () => {
    const tables = Object.values(dev.template.findResources("AWS::DynamoDB::Table"));
    const indexNames = tables
      .flatMap((table) => (table.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string }[])
      .map((index) => index.IndexName)
      .sort();
    expect(indexNames).toEqual(
      ALL_TABLES.flatMap((definition) => definition.indexes.map((i) => i.name)).sort(),
    );
  });

  it("provisions every table the application uses (a table added to ALL_TABLES needs a construct)", () => {
    const keySchemas = Object.values(dev.template.findResources("AWS::DynamoDB::Table")).map((table) =>
      JSON.stringify(table.Properties.KeySchema),
    );
    for (const definition of ALL_TABLES) expect(keySchemas).toContain(JSON.stringify(keySchema(definition)));
    expect(keySchemas).toHaveLength(ALL_TABLES.length);
  });

  it("protects prod tables: deletion protection on, retained when the stack is deleted", () => {
    const tables = prod.template.findResources("AWS::DynamoDB::Table");
    expect(Object.keys(tables)).toHaveLength(ALL_TABLES.length);
    for (const table of Object.values(tables)) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe("Retain");
      expect(table.UpdateReplacePolicy).toBe("Retain");
    }
  });

  it("lets dev tables go with the stack", () => {
    for (const table of Object.values(dev.template.findResources("AWS::DynamoDB::Table"))) {
      expect(table.Properties.DeletionProtectionEnabled).toBe(false);
      expect(table.DeletionPolicy).toBe("Delete");
    }
  });
});

describe("evidence archive bucket", () => {
  const archive = (template = dev.template) =>
    Object.entries(
      template.findResources("AWS::S3::Bucket", {
        Properties: { VersioningConfiguration: Match.anyValue() },
      }),
    );

  it("is encrypted, versioned, private and logs access to the log bucket", () => {
    const buckets = archive();
    expect(buckets).toHaveLength(1);
    dev.template.hasResourceProperties("AWS::S3::Bucket", {
      VersioningConfiguration: { Status: "Enabled" },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp("AccessLogs") },
        LogFilePrefix: "archive/",
      },
    });
  });

  it("moves evidence to Glacier Instant Retrieval after the configured number of days", () => {
    const days = (template: typeof dev.template) =>
      template.hasResourceProperties("AWS::S3::Bucket", {
        VersioningConfiguration: { Status: "Enabled" },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              Status: "Enabled",
              Transitions: [{ StorageClass: "GLACIER_IR", TransitionInDays: 90 }],
              NoncurrentVersionExpiration: { NoncurrentDays: 365 },
            }),
          ]),
        },
      });
    days(dev.template);
    synthesize({ archiveGlacierAfterDays: "30" }).template.hasResourceProperties("AWS::S3::Bucket", {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Transitions: [{ StorageClass: "GLACIER_IR", TransitionInDays: 30 }] }),
        ]),
      },
    });
  });

  it("refuses plain HTTP on both buckets (TLS only)", () => {
    const policies = dev.template.findResources("AWS::S3::BucketPolicy");
    // The archive and its access-log bucket (other constructs' buckets are tested with them).
    const changeLogPolicies = Object.entries(policies)
      .filter(([id]) => id.startsWith("ChangeLog"))
      .map(([, policy]) => policy);
    const denyInsecure = changeLogPolicies.filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]).some(
        (statement) =>
          statement.Effect === "Deny" &&
          JSON.stringify(statement.Condition) ===
            JSON.stringify({ Bool: { "aws:SecureTransport": "false" } }),
      ),
    );
    expect(denyInsecure).toHaveLength(2);
  });

  it("keeps the access logs in an encrypted, private bucket that expires them", () => {
    dev.template.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365, Status: "Enabled" })] },
    });
  });

  it("retains the evidence in prod; dev empties and removes it", () => {
    for (const [, bucket] of archive(prod.template)) expect(bucket.DeletionPolicy).toBe("Retain");
    for (const [, bucket] of archive(dev.template)) expect(bucket.DeletionPolicy).toBe("Delete");
    prod.template.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
  });
});
