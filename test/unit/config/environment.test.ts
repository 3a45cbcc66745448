import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_DELETION_SHARE,
  ENVIRONMENT_VARIABLES,
  type Environment,
  environmentVariables,
  readEnvironment,
  type Setting,
} from "#shared/config/environment.js";

/** A value for every setting, none of them a default. */
const EVERY_SETTING = {
  changesTable: "t-changes",
  sourcesTable: "t-sources",
  runsTable: "t-runs",
  archiveBucket: "b-archive",
  dynamodbEndpoint: "http://127.0.0.1:1",
  s3Endpoint: "http://127.0.0.1:2",
  sesEndpoint: "http://127.0.0.1:3",
  sourceMirror: "http://127.0.0.1:4",
  maxDeletionShare: 0.35,
  sanityLimits: { hcpcs: { maxRevisedShare: 0.4, maxAddedShare: 0.3 } },
  cursorKey: "arn:aws:cloudformation:us-east-1:1:stack/codecurrent/uuid",
  localApiToken: "local-token",
  subscribersTable: "t-subscribers",
  deliveriesTable: "t-deliveries",
  addressesTable: "t-addresses",
  ceusTable: "t-ceus",
  signUpQueueUrl: "https://sqs.us-east-1.amazonaws.com/1/sign-ups",
  senderAddress: "digest@example.org",
  publicBaseUrl: "https://api.example.org",
  sesConfigurationSet: "codecurrent-set",
  tokenSecretParameter: "/codecurrent/x/token",
  tokenSecret: "a-secret",
  digestQueueUrl: "https://sqs.us-east-1.amazonaws.com/1/q",
  maxSendRate: 7,
  memoryMb: 1024,
  alertEmail: "oncall@example.org",
  alertAfterFailures: 5,
} satisfies Required<Omit<Environment, "region">>;

describe("the environment (shared/config/environment.ts)", () => {
  it("reads every setting back from the variable environmentVariables names for it (what the CDK app sets)", () => {
    const variables = environmentVariables(EVERY_SETTING);
    expect(Object.keys(variables)).toHaveLength(Object.keys(EVERY_SETTING).length);
    expect(readEnvironment({ AWS_REGION: "eu-west-1", ...variables })).toEqual({
      region: "eu-west-1",
      ...EVERY_SETTING,
    });
  });

  it("gives every setting its own CODECURRENT_ variable", () => {
    const names = Object.values(ENVIRONMENT_VARIABLES);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(ENVIRONMENT_VARIABLES).sort()).toEqual(Object.keys(EVERY_SETTING).sort());
  });

  it("falls back to the local defaults, and treats an empty variable as unset", () => {
    const env = readEnvironment({ [ENVIRONMENT_VARIABLES.changesTable]: "" });
    expect(env.changesTable).toBe("codecurrent-changes");
    expect(env.maxDeletionShare).toBe(DEFAULT_MAX_DELETION_SHARE);
    expect(env.tokenSecretParameter).toBeUndefined();
  });

  it.each([
    ["maxDeletionShare", "1.5"],
    ["maxSendRate", "0"],
    ["sanityLimits", '{"hcpcs":{"maxRevisedShare":2}}'],
    ["sanityLimits", '{"hcpcs":{"maxEverything":0.5}}'],
    ["sanityLimits", "not json"],
    ["alertAfterFailures", "0"],
  ] satisfies [Setting, string][])("refuses %s=%s, naming the variable", (setting, value) => {
    expect(() => readEnvironment({ [ENVIRONMENT_VARIABLES[setting]]: value })).toThrow(
      ENVIRONMENT_VARIABLES[setting],
    );
  });
});
