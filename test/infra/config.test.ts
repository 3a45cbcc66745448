import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_CONFIG, readConfig } from "../../infra/config.js";
import { cdkJsonContext } from "./synthesize.js";

const read = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe("deploy configuration (cdk.json context, -c key=value)", () => {
  it("defaults to a dev stack that cdk.json documents with the same values", () => {
    const config = read({});
    expect(config).toMatchObject({ ...DEFAULT_CONFIG, stackName: "codecurrent-dev", scheduleOverrides: {} });
    expect(config.alarmEmail).toBeUndefined();
    const fromCdkJson = read(cdkJsonContext());
    expect(fromCdkJson).toEqual(config);
  });

  it("reads command-line strings as numbers, booleans and JSON", () => {
    const config = read({
      stage: "prod",
      alarmEmail: "oncall@example.org",
      senderAddress: "digest@example.org",
      archiveGlacierAfterDays: "30",
      schedulesEnabled: "false",
      scheduleOverrides: '{"icd10cm":"rate(6 hours)"}',
      collectReservedConcurrency: "off",
      maxDeletionShare: "0.5",
      logRetentionDays: "90",
    });
    expect(config).toMatchObject({
      stage: "prod",
      stackName: "codecurrent-prod",
      archiveGlacierAfterDays: 30,
      schedulesEnabled: false,
      scheduleOverrides: { icd10cm: "rate(6 hours)" },
      collectReservedConcurrency: undefined,
      maxDeletionShare: 0.5,
      logRetentionDays: 90,
    });
  });

  it.each([
    [{ stage: "staging" }, /stage/],
    [{ stage: "prod" }, /alarmEmail.*required when stage=prod/],
    [{ alarmEmail: "not-an-address" }, /alarmEmail/],
    [{ senderAddress: "nobody" }, /senderAddress/],
    [{ archiveGlacierAfterDays: "0" }, /archiveGlacierAfterDays/],
    [{ logRetentionDays: "100" }, /logRetentionDays/],
    [{ maxDeletionShare: "1.5" }, /maxDeletionShare/],
    [{ schedulesEnabled: "yes" }, /schedulesEnabled/],
    [{ scheduleOverrides: "{bad json" }, /scheduleOverrides/],
    [{ scheduleOverrides: { hcpcs: "every day" } }, /scheduleOverrides\.hcpcs/],
    [{ collectReservedConcurrency: "0" }, /collectReservedConcurrency/],
    [{ stackName: "has spaces" }, /stackName/],
  ])("refuses %j", (context, message) => {
    expect(() => read(context)).toThrow(ConfigError);
    expect(() => read(context)).toThrow(message);
  });
});
