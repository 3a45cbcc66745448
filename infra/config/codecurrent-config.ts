import type { SanityShares } from "#shared/config/environment.js";

export type Stage = "dev" | "prod";

/**
 * How collectors reach the publishers: `default` from Lambda's shared addresses; `fixed-ip` from
 * private subnets of a VPC of their own, through a NAT gateway with an Elastic IP, so a publisher
 * whose CDN blocks datacenter addresses can allow that one address.
 */
export type CollectEgress = "default" | "fixed-ip";

/**
 * Everything an operator may choose at deploy time, read from CDK context (`cdk.json`, or
 * `-c key=value` on the command line, which wins). `infra/README.md` documents every key.
 */
export interface CodecurrentConfig {
  readonly stage: Stage;
  readonly stackName: string;
  /** Where alarms are emailed; required in prod so no alarm fires into the void. */
  readonly alarmEmail?: string;
  /** SES identity digests are sent from (used by the digest functions; verify it in SES first). */
  readonly senderAddress?: string;
  /** Days before archived evidence moves to S3 Glacier Instant Retrieval. */
  readonly archiveGlacierAfterDays: number;
  /** Days a replaced or deleted evidence object is kept as a noncurrent version. */
  readonly archiveNoncurrentVersionDays: number;
  /** Days S3 server access logs of the archive are kept. */
  readonly accessLogRetentionDays: number;
  /** Days Lambda logs are kept in CloudWatch Logs. */
  readonly logRetentionDays: number;
  /** When false the schedules are deployed but disabled (a dev stack that only runs on demand). */
  readonly schedulesEnabled: boolean;
  /** Per-source schedule expressions replacing the catalog's, e.g. `{ "hcpcs": "rate(12 hours)" }`. */
  readonly scheduleOverrides: Readonly<Record<string, string>>;
  /** Reserved concurrency of the collector; `undefined` reserves none (see README: new accounts). */
  readonly collectReservedConcurrency?: number;
  /** CODECURRENT_MAX_DELETION_SHARE: deletion share above which a run fails the sanity gate. */
  readonly maxDeletionShare: number;
  /** CODECURRENT_SANITY_LIMITS: per-source shares over the sources' own, e.g. `{ "hcpcs": { "maxRevisedShare": 0.4 } }`. */
  readonly sanityLimits: Readonly<Record<string, SanityShares>>;
  /** Failed runs of a source in a row before operators get one alert email (and one on recovery). */
  readonly alertAfterFailures: number;
  readonly collectEgress: CollectEgress;
  /** Emails per second digests may use: the account's SES maximum send rate (see the SES console). */
  readonly digestSendRate: number;
  /** SSM SecureString holding the subscription token secret; default `/codecurrent/<stackName>/subscription-token-secret`. */
  readonly tokenSecretParameter?: string;
}
