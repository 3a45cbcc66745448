import { readFileSync } from "node:fs";
import path from "node:path";
import { App } from "aws-cdk-lib";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../infra/config/defaults.js";
import { ConfigError, readConfig } from "../../infra/config/read-config.js";
import { cdkJsonContext, REPO_ROOT } from "./synthesize.js";

const read = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe("deploy configuration (cdk.json context, -c key=value)", () => {
  it("defaults to a dev stack from DEFAULT_CONFIG alone: cdk.json repeats no default", () => {
    const config = read({});
    expect(config).toMatchObject({ ...DEFAULT_CONFIG, stackName: "codecurrent-dev", scheduleOverrides: {} });
    expect(config.alarmEmail).toBeUndefined();
    // cdk.json's context holds the CDK's feature flags only; a codecurrent key there would be a second default.
    expect(Object.keys(cdkJsonContext()).filter((key) => !key.startsWith("@aws-cdk"))).toEqual([]);
    expect(read(cdkJsonContext())).toEqual(config);
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

describe("infra/README.md, the operator's guide", () => {
  /** The configuration table of section 4: key → default, as written. */
  function documentedDefaults(): Map<string, string> {
    const guide = readFileSync(path.join(REPO_ROOT, "infra/README.md"), "utf8");
    const section = guide.slice(guide.indexOf("## 4. Configuration"), guide.indexOf("Built-in schedules"));
    const rows = [...section.matchAll(/^\|\s*`(\w+)`\s*\|\s*([^|]+?)\s*\|/gm)];
    return new Map(rows.map(([, key, value]) => [key!, value!.replace(/`/g, "")]));
  }

  it("lists every configuration key, and each default exactly as DEFAULT_CONFIG has it", () => {
    const documented = documentedDefaults();
    const everyKey = read({
      stage: "prod",
      alarmEmail: "oncall@example.org",
      senderAddress: "digest@example.org",
      tokenSecretParameter: "/codecurrent/prod/token",
    });
    expect([...documented.keys()].sort()).toEqual(Object.keys(everyKey).sort());
    for (const [key, value] of Object.entries(DEFAULT_CONFIG)) {
      expect(documented.get(key), key).toBe(String(value));
    }
  });
});
