import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENVIRONMENT_VARIABLES } from "#shared/config/environment.js";
import { PROD, REPO_ROOT, synthesize } from "./synthesize.js";

const { template } = synthesize({ ...PROD, logRetentionDays: "90" });
const resources = template.toJSON().Resources as Record<
  string,
  {
    Type: string;
    Properties: Record<string, unknown>;
    DeletionPolicy?: string;
    Metadata?: Record<string, unknown>;
  }
>;

/** codecurrent's own functions: those bundled from functions/ (not the CDK's custom-resource helpers). */
const functions = Object.entries(resources).filter(
  ([, resource]) =>
    resource.Type === "AWS::Lambda::Function" &&
    (resource.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
      ?.POWERTOOLS_SERVICE_NAME !== undefined,
);
const ref = (value: unknown) => {
  const reference = value as { "Fn::GetAtt"?: [string]; Ref?: string };
  return reference.Ref ?? reference["Fn::GetAtt"]?.[0];
};

describe("every codecurrent function (one construct for all)", () => {
  it("is one of the handlers in functions/, each deployed once", () => {
    const handlers = readdirSync(path.join(REPO_ROOT, "functions")).filter((name) => name.endsWith(".ts"));
    expect(functions).toHaveLength(handlers.length);
    expect(handlers.length).toBe(8);
  });

  it("runs Node.js 22 on ARM64, its handler export, with source maps and a Powertools service name", () => {
    for (const [id, fn] of functions) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: "nodejs22.x",
        Architectures: ["arm64"],
        Handler: "index.handler",
      });
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables.NODE_OPTIONS, id).toBe("--enable-source-maps");
      expect(variables.POWERTOOLS_LOG_LEVEL, id).toBe("INFO");
    }
  });

  it("writes to its own log group, kept for the configured retention and retained in prod", () => {
    const groups = functions.map(([id, fn]) => {
      const group = ref((fn.Properties.LoggingConfig as { LogGroup: unknown }).LogGroup);
      expect(group, id).toBeDefined();
      expect(resources[group!]).toMatchObject({
        Type: "AWS::Logs::LogGroup",
        Properties: { RetentionInDays: 90 },
        DeletionPolicy: "Retain",
      });
      return group;
    });
    expect(new Set(groups).size).toBe(functions.length);
  });

  it("has a role of its own, with no managed policy (AWSLambdaBasicExecutionRole may write every log group)", () => {
    const roles = functions.map(([id, fn]) => {
      const role = ref(fn.Properties.Role);
      expect(resources[role!]?.Type, id).toBe("AWS::IAM::Role");
      expect(resources[role!]?.Properties.ManagedPolicyArns, id).toBeUndefined();
      return role;
    });
    expect(new Set(roles).size).toBe(functions.length);
  });

  it("carries the pinned-runtime reason for cdk-nag", () => {
    for (const [id, fn] of functions) {
      const nag = fn.Metadata?.cdk_nag as { rules_to_suppress?: { id: string }[] } | undefined;
      const rules = nag?.rules_to_suppress ?? [];
      expect(
        rules.map((rule) => rule.id),
        id,
      ).toContain("AwsSolutions-L1");
    }
  });

  it("is handed settings only under the names shared/config/environment.ts reads", () => {
    const known = new Set<string>(Object.values(ENVIRONMENT_VARIABLES));
    const names = functions.flatMap(([, fn]) =>
      Object.keys((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables),
    );
    expect(names.filter((name) => known.has(name)).length).toBeGreaterThan(20);
    // Besides codecurrent's own settings, only the runtime's: Powertools and Node.js options.
    expect([...new Set(names.filter((name) => !known.has(name)))].sort()).toEqual([
      "NODE_OPTIONS",
      "POWERTOOLS_LOG_LEVEL",
      "POWERTOOLS_SERVICE_NAME",
    ]);
  });
});

describe("stateful resources", () => {
  it("keep the logical ids they were created with: a new id would replace a retained table or bucket with an empty one", () => {
    const stateful = Object.entries(resources)
      .filter(([, resource]) =>
        ["AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::Cognito::UserPool"].includes(resource.Type),
      )
      .map(([id]) => id)
      .sort();
    expect(stateful).toEqual([
      "ApiReviewersBB2F12CC",
      "ChangeLogArchiveAccessLogsBD8E6F08",
      "ChangeLogArchiveBucketDE9CA8D6",
      "ChangeLogChangesTableCD6FB8F6",
      "ChangeLogRunsTableBE12964C",
      "ChangeLogSourcesTable9EFB3A15",
      "DigestsAddressesTableBF941E92",
      "DigestsCeusTable8125B837",
      "DigestsDeliveriesTable5036BCA4",
      "DigestsSubscribersTableC6580373",
      "WebAccessLogs024BC47D",
      "WebSiteD504717C",
    ]);
  });
});
