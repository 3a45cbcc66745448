import { DEFAULT_ALERT_AFTER_FAILURES, DEFAULT_MAX_DELETION_SHARE } from "#shared/config/environment.js";

/**
 * The default of every configuration key, and the only place they are written: `cdk.json`
 * carries none of them, so a key set there (or with `-c key=value`) is always a deliberate choice.
 * infra/README.md lists them (a test keeps that table and this object the same).
 */
export const DEFAULT_CONFIG = {
  stage: "dev",
  archiveGlacierAfterDays: 90,
  archiveNoncurrentVersionDays: 365,
  accessLogRetentionDays: 365,
  logRetentionDays: 365,
  schedulesEnabled: true,
  collectReservedConcurrency: 5,
  // The sanity gate's default is the Lambda code's own, so a stack and a local run refuse alike.
  maxDeletionShare: DEFAULT_MAX_DELETION_SHARE,
  alertAfterFailures: DEFAULT_ALERT_AFTER_FAILURES,
  collectEgress: "default",
  digestSendRate: 10,
} as const;
