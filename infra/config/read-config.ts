import type { Node } from "constructs";
import { type SanityShares, sanityLimits } from "#shared/config/environment.js";
import type { CodecurrentConfig, CollectEgress } from "./codecurrent-config.js";
import { DEFAULT_CONFIG } from "./defaults.js";

/** The retention periods CloudWatch Logs accepts; any other number is refused at deploy time. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class ConfigError extends Error {
  constructor(key: string, expected: string, got: unknown) {
    super(`context "${key}": expected ${expected}, got ${JSON.stringify(got)}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the configuration from a construct's context; throws `ConfigError` on a bad value. */
export function readConfig(node: Node): CodecurrentConfig {
  const raw = (key: string): unknown => {
    const value = node.tryGetContext(key);
    return value === "" || value === null ? undefined : value;
  };

  const stage = raw("stage") ?? DEFAULT_CONFIG.stage;
  if (stage !== "dev" && stage !== "prod") throw new ConfigError("stage", `"dev" or "prod"`, stage);

  const alarmEmail = optionalEmail("alarmEmail", raw("alarmEmail"));
  if (stage === "prod" && alarmEmail === undefined) {
    throw new ConfigError("alarmEmail", "an email address (required when stage=prod)", raw("alarmEmail"));
  }

  const reserved = raw("collectReservedConcurrency") ?? DEFAULT_CONFIG.collectReservedConcurrency;
  const stackName = raw("stackName") ?? `codecurrent-${stage}`;
  if (typeof stackName !== "string" || !/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new ConfigError("stackName", "a CloudFormation stack name", stackName);
  }

  const logRetentionDays = integer(
    "logRetentionDays",
    raw("logRetentionDays"),
    DEFAULT_CONFIG.logRetentionDays,
    1,
  );
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw new ConfigError("logRetentionDays", `one of ${LOG_RETENTION_DAYS.join(", ")}`, logRetentionDays);
  }

  return {
    stage,
    stackName,
    alarmEmail,
    senderAddress: optionalEmail("senderAddress", raw("senderAddress")),
    // Glacier Instant Retrieval, unlike Standard-IA (30 days minimum), accepts any age; S3 itself
    // leaves objects under 128 KB in Standard, where a transition would cost more than it saves.
    archiveGlacierAfterDays: integer(
      "archiveGlacierAfterDays",
      raw("archiveGlacierAfterDays"),
      DEFAULT_CONFIG.archiveGlacierAfterDays,
      1,
    ),
    archiveNoncurrentVersionDays: integer(
      "archiveNoncurrentVersionDays",
      raw("archiveNoncurrentVersionDays"),
      DEFAULT_CONFIG.archiveNoncurrentVersionDays,
      1,
    ),
    accessLogRetentionDays: integer(
      "accessLogRetentionDays",
      raw("accessLogRetentionDays"),
      DEFAULT_CONFIG.accessLogRetentionDays,
      1,
    ),
    logRetentionDays,
    schedulesEnabled: boolean("schedulesEnabled", raw("schedulesEnabled"), DEFAULT_CONFIG.schedulesEnabled),
    scheduleOverrides: scheduleOverrides(raw("scheduleOverrides")),
    collectReservedConcurrency:
      reserved === "off" ? undefined : integer("collectReservedConcurrency", reserved, 0, 1),
    maxDeletionShare: share("maxDeletionShare", raw("maxDeletionShare"), DEFAULT_CONFIG.maxDeletionShare),
    sanityLimits: sanityLimitsConfig(raw("sanityLimits")),
    alertAfterFailures: integer(
      "alertAfterFailures",
      raw("alertAfterFailures"),
      DEFAULT_CONFIG.alertAfterFailures,
      1,
    ),
    collectEgress: collectEgress(raw("collectEgress")),
    digestSendRate: integer("digestSendRate", raw("digestSendRate"), DEFAULT_CONFIG.digestSendRate, 1),
    ...tokenSecretParameter(raw("tokenSecretParameter")),
  };
}

function optionalEmail(key: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !EMAIL.test(value)) throw new ConfigError(key, "an email address", value);
  return value;
}

// `-c key=value` always arrives as a string, cdk.json values as JSON: accept both.
function integer(key: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const parsed = typeof value === "string" ? Number(value) : value;
  if (typeof parsed !== "number" || !Number.isInteger(parsed) || parsed < min) {
    throw new ConfigError(key, `an integer >= ${min}`, value);
  }
  return parsed;
}

function share(key: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = typeof value === "string" ? Number(value) : value;
  if (typeof parsed !== "number" || !(parsed > 0 && parsed <= 1))
    throw new ConfigError(key, "a number in (0, 1]", value);
  return parsed;
}

function boolean(key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new ConfigError(key, "true or false", value);
}

function scheduleOverrides(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ConfigError("scheduleOverrides", 'a JSON object such as {"hcpcs":"rate(12 hours)"}', value);
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError("scheduleOverrides", "an object of sourceId → schedule expression", value);
  }
  const overrides: Record<string, string> = {};
  for (const [sourceId, expression] of Object.entries(parsed)) {
    if (typeof expression !== "string" || !/^(rate|cron|at)\(.+\)$/.test(expression)) {
      throw new ConfigError(
        `scheduleOverrides.${sourceId}`,
        "an EventBridge Scheduler expression",
        expression,
      );
    }
    overrides[sourceId] = expression;
  }
  return overrides;
}

/** Validated by the same reader the collect function uses, so a stack never deploys limits it would refuse. */
function sanityLimitsConfig(value: unknown): Readonly<Record<string, SanityShares>> {
  if (value === undefined) return {};
  try {
    return sanityLimits(typeof value === "string" ? value : JSON.stringify(value)) ?? {};
  } catch (error) {
    throw new ConfigError(
      "sanityLimits",
      `per-source shares such as {"hcpcs":{"maxRevisedShare":0.4}} (${(error as Error).message})`,
      value,
    );
  }
}

function collectEgress(value: unknown): CollectEgress {
  if (value === undefined) return DEFAULT_CONFIG.collectEgress;
  if (value === "default" || value === "fixed-ip") return value;
  throw new ConfigError("collectEgress", '"default" or "fixed-ip"', value);
}

function tokenSecretParameter(value: unknown): { tokenSecretParameter?: string } {
  if (value === undefined || value === "") return {};
  if (typeof value !== "string" || !/^\/[A-Za-z0-9_.\-/]+$/.test(value)) {
    throw new ConfigError(
      "tokenSecretParameter",
      "an SSM parameter name such as /codecurrent/prod/token-secret",
      value,
    );
  }
  return { tokenSecretParameter: value };
}
