/**
 * Every setting codecurrent reads from its environment, read here and nowhere else. Lambda
 * functions get these from the CDK app, which takes the variable names from
 * `ENVIRONMENT_VARIABLES` below; the local stack sets them to its emulators.
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
  /** Per-source sanity limits over the sources' own, e.g. `{ "hcpcs": { "maxRevisedShare": 0.4 } }`. */
  readonly sanityLimits?: Readonly<Record<string, SanityShares>>;
  /**
   * Signs the API's page cursors; every instance of the API must share it. In AWS the stack's id
   * (unique to the deployment, never shown to a client); unset = a random key per process, which
   * suits the one local server.
   */
  readonly cursorKey?: string;
  /** The bearer token of the local API server (`npm start`); unset = a random one per start. Never used in AWS (Cognito). */
  readonly localApiToken?: string;
  /** People: subscribers and the record of every email sent to them. */
  readonly subscribersTable: string;
  readonly deliveriesTable: string;
  /** One item per subscribed address (sign-up uniqueness). */
  readonly addressesTable: string;
  /** CEU entries, one item each. */
  readonly ceusTable: string;
  /** SQS queue public sign-ups and fresh-link requests wait on (AWS); unset locally, where they run in process. */
  readonly signUpQueueUrl?: string;
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
  /**
   * The memory the function runs in (MB), set by the CDK from the function's own setting: download
   * and zip limits are sized to it. Unset (local runs, the CLI): the limits' defaults.
   */
  readonly memoryMb?: number;
  /** Operators' address for collection alerts (the CDK's `alarmEmail`); unset = no alert emails. */
  readonly alertEmail?: string;
  /** Failed runs of a source in a row before operators get the one alert email. */
  readonly alertAfterFailures: number;
}

/** Shares of a source's records a release may remove, revise or add before the sanity gate refuses it. */
export interface SanityShares {
  readonly maxDeletionShare?: number;
  readonly maxRevisedShare?: number;
  readonly maxAddedShare?: number;
}

/** A setting codecurrent's own variables carry (the region comes from AWS's). */
export type Setting = Exclude<keyof Environment, "region">;

/**
 * The variable each setting is read from. The CDK app names a function's variables through this
 * (`environmentVariables`), so a setting cannot be written under a name the code does not read.
 */
export const ENVIRONMENT_VARIABLES = {
  changesTable: "CODECURRENT_CHANGES_TABLE",
  sourcesTable: "CODECURRENT_SOURCES_TABLE",
  runsTable: "CODECURRENT_RUNS_TABLE",
  archiveBucket: "CODECURRENT_ARCHIVE_BUCKET",
  dynamodbEndpoint: "CODECURRENT_DYNAMODB_ENDPOINT",
  s3Endpoint: "CODECURRENT_S3_ENDPOINT",
  sesEndpoint: "CODECURRENT_SES_ENDPOINT",
  sourceMirror: "CODECURRENT_SOURCE_MIRROR",
  maxDeletionShare: "CODECURRENT_MAX_DELETION_SHARE",
  sanityLimits: "CODECURRENT_SANITY_LIMITS",
  cursorKey: "CODECURRENT_CURSOR_KEY",
  localApiToken: "CODECURRENT_LOCAL_API_TOKEN",
  subscribersTable: "CODECURRENT_SUBSCRIBERS_TABLE",
  deliveriesTable: "CODECURRENT_DELIVERIES_TABLE",
  addressesTable: "CODECURRENT_ADDRESSES_TABLE",
  ceusTable: "CODECURRENT_CEUS_TABLE",
  signUpQueueUrl: "CODECURRENT_SIGN_UP_QUEUE_URL",
  senderAddress: "CODECURRENT_SENDER_ADDRESS",
  publicBaseUrl: "CODECURRENT_PUBLIC_URL",
  sesConfigurationSet: "CODECURRENT_SES_CONFIGURATION_SET",
  tokenSecretParameter: "CODECURRENT_TOKEN_SECRET_PARAMETER",
  tokenSecret: "CODECURRENT_TOKEN_SECRET",
  digestQueueUrl: "CODECURRENT_DIGEST_QUEUE_URL",
  maxSendRate: "CODECURRENT_MAX_SEND_RATE",
  memoryMb: "CODECURRENT_MEMORY_MB",
  alertEmail: "CODECURRENT_ALERT_EMAIL",
  alertAfterFailures: "CODECURRENT_ALERT_AFTER_FAILURES",
} as const satisfies Record<Setting, `CODECURRENT_${string}`>;

/** Settings by name → the variables that carry them, e.g. `{ changesTable: "t" }` → `{ CODECURRENT_CHANGES_TABLE: "t" }`. */
export function environmentVariables(
  settings: Partial<Record<Setting, string | number | object>>,
): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [setting, value] of Object.entries(settings) as [
    Setting,
    string | number | object | undefined,
  ][]) {
    // Structured settings (per-source sanity limits) travel as JSON.
    if (value !== undefined)
      variables[ENVIRONMENT_VARIABLES[setting]] =
        typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  return variables;
}

/** Failed runs in a row before operators are alerted. */
export const DEFAULT_ALERT_AFTER_FAILURES = 3;

/** Share of a code set a release may remove before the sanity gate refuses it. */
export const DEFAULT_MAX_DELETION_SHARE = 0.2;

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const v = (setting: Setting): string | undefined => env[ENVIRONMENT_VARIABLES[setting]] || undefined;
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    changesTable: v("changesTable") ?? "codecurrent-changes",
    sourcesTable: v("sourcesTable") ?? "codecurrent-sources",
    runsTable: v("runsTable") ?? "codecurrent-runs",
    archiveBucket: v("archiveBucket") ?? "codecurrent-archive",
    dynamodbEndpoint: v("dynamodbEndpoint"),
    s3Endpoint: v("s3Endpoint"),
    sesEndpoint: v("sesEndpoint"),
    sourceMirror: v("sourceMirror"),
    maxDeletionShare: share(v("maxDeletionShare"), DEFAULT_MAX_DELETION_SHARE),
    sanityLimits: sanityLimits(v("sanityLimits")),
    cursorKey: v("cursorKey"),
    localApiToken: v("localApiToken"),
    subscribersTable: v("subscribersTable") ?? "codecurrent-subscribers",
    deliveriesTable: v("deliveriesTable") ?? "codecurrent-deliveries",
    addressesTable: v("addressesTable") ?? "codecurrent-addresses",
    ceusTable: v("ceusTable") ?? "codecurrent-ceus",
    signUpQueueUrl: v("signUpQueueUrl"),
    senderAddress: v("senderAddress") ?? "digest@codecurrent.local",
    publicBaseUrl: (v("publicBaseUrl") ?? "http://127.0.0.1:8787").replace(/\/+$/, ""),
    sesConfigurationSet: v("sesConfigurationSet"),
    tokenSecretParameter: v("tokenSecretParameter"),
    tokenSecret: v("tokenSecret"),
    digestQueueUrl: v("digestQueueUrl"),
    maxSendRate: positive(ENVIRONMENT_VARIABLES.maxSendRate, v("maxSendRate")),
    memoryMb: positive(ENVIRONMENT_VARIABLES.memoryMb, v("memoryMb")),
    alertEmail: v("alertEmail"),
    alertAfterFailures: wholeAtLeastOne(v("alertAfterFailures"), DEFAULT_ALERT_AFTER_FAILURES),
  };
}

function share(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new Error(`${ENVIRONMENT_VARIABLES.maxDeletionShare} must be a number in (0, 1], got "${raw}"`);
  }
  return value;
}

const SHARE_NAMES = ["maxDeletionShare", "maxRevisedShare", "maxAddedShare"] as const;

/** `{ "<source id>": { "maxRevisedShare": 0.4 } }`, every share in (0, 1]; anything else is refused at start. */
export function sanityLimits(raw: string | undefined): Readonly<Record<string, SanityShares>> | undefined {
  if (raw === undefined) return undefined;
  const name = ENVIRONMENT_VARIABLES.sanityLimits;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${name} must be JSON, got "${raw}"`);
  }
  if (!isObject(parsed)) throw new Error(`${name} must map source ids to limits, got ${raw}`);
  for (const [source, limits] of Object.entries(parsed)) {
    if (!isObject(limits)) throw new Error(`${name}: "${source}" must map to limits`);
    for (const [key, value] of Object.entries(limits)) {
      if (!(SHARE_NAMES as readonly string[]).includes(key))
        throw new Error(`${name}: "${source}.${key}" is not one of ${SHARE_NAMES.join(", ")}`);
      if (typeof value !== "number" || !(value > 0 && value <= 1))
        throw new Error(
          `${name}: "${source}.${key}" must be a number in (0, 1], got ${JSON.stringify(value)}`,
        );
    }
  }
  return parsed as Record<string, SanityShares>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function wholeAtLeastOne(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${ENVIRONMENT_VARIABLES.alertAfterFailures} must be a whole number >= 1, got "${raw}"`);
  return value;
}

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}
