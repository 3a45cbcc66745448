/**
 * Every setting codecurrent reads from its environment, read here and nowhere else. Lambda
 * functions get these from the CDK app; the local stack sets them to its emulators.
 */
export interface Environment {
  readonly region: string;
  readonly changesTable: string;
  readonly sourcesTable: string;
  readonly runsTable: string;
  readonly archiveBucket: string;
  /** Emulator endpoints (local runs); unset in AWS. */
  readonly dynamodbEndpoint?: string;
  readonly s3Endpoint?: string;
  readonly sesEndpoint?: string;
  /**
   * Where publishers' URLs are served from instead of the internet, e.g. `http://127.0.0.1:4100`:
   * `https://www.cms.gov/files/x.zip` is then fetched as `http://127.0.0.1:4100/www.cms.gov/files/x.zip`.
   */
  readonly sourceMirror?: string;
  /** Deletion share above which a run fails the sanity gate, unless the source sets its own. */
  readonly maxDeletionShare: number;
  /** The bearer token of the local API server (`npm start`); unset = a random one per start. Never used in AWS (Cognito). */
  readonly localApiToken?: string;
  /** People: subscribers and the record of every email sent to them. */
  readonly subscribersTable: string;
  readonly deliveriesTable: string;
  /** SES identity digests and reminders are sent from. */
  readonly senderAddress: string;
  /** Where the subscription endpoints are served (links in emails), e.g. `https://api.example.org`. */
  readonly publicBaseUrl: string;
  /** SES configuration set: routes bounces and complaints to the suppression handler. */
  readonly sesConfigurationSet?: string;
  /** SSM SecureString holding the HMAC secret for subscription tokens (AWS). */
  readonly tokenSecretParameter?: string;
  /** The token secret itself: local runs and tests only; AWS reads `tokenSecretParameter`. */
  readonly tokenSecret?: string;
  /** SQS queue the digest dispatcher fans out to (AWS); unset locally, where sending runs in process. */
  readonly digestQueueUrl?: string;
  /** Emails per second; unset = the account's SES maximum send rate. */
  readonly maxSendRate?: number;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    changesTable: env.CODECURRENT_CHANGES_TABLE ?? "codecurrent-changes",
    sourcesTable: env.CODECURRENT_SOURCES_TABLE ?? "codecurrent-sources",
    runsTable: env.CODECURRENT_RUNS_TABLE ?? "codecurrent-runs",
    archiveBucket: env.CODECURRENT_ARCHIVE_BUCKET ?? "codecurrent-archive",
    dynamodbEndpoint: env.CODECURRENT_DYNAMODB_ENDPOINT || undefined,
    s3Endpoint: env.CODECURRENT_S3_ENDPOINT || undefined,
    sesEndpoint: env.CODECURRENT_SES_ENDPOINT || undefined,
    sourceMirror: env.CODECURRENT_SOURCE_MIRROR || undefined,
    maxDeletionShare: share(env.CODECURRENT_MAX_DELETION_SHARE, 0.2),
    localApiToken: env.CODECURRENT_LOCAL_API_TOKEN || undefined,
    subscribersTable: env.CODECURRENT_SUBSCRIBERS_TABLE ?? "codecurrent-subscribers",
    deliveriesTable: env.CODECURRENT_DELIVERIES_TABLE ?? "codecurrent-deliveries",
    senderAddress: env.CODECURRENT_SENDER_ADDRESS || "digest@codecurrent.local",
    publicBaseUrl: (env.CODECURRENT_PUBLIC_URL || "http://127.0.0.1:8787").replace(/\/+$/, ""),
    sesConfigurationSet: env.CODECURRENT_SES_CONFIGURATION_SET || undefined,
    tokenSecretParameter: env.CODECURRENT_TOKEN_SECRET_PARAMETER || undefined,
    tokenSecret: env.CODECURRENT_TOKEN_SECRET || undefined,
    digestQueueUrl: env.CODECURRENT_DIGEST_QUEUE_URL || undefined,
    maxSendRate: positive("CODECURRENT_MAX_SEND_RATE", env.CODECURRENT_MAX_SEND_RATE),
  };
}

function share(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new Error(`CODECURRENT_MAX_DELETION_SHARE must be a number in (0, 1], got "${raw}"`);
  }
  return value;
}

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
