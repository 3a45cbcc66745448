/**
 * The DynamoDB tables, declared once: the CDK app and the local stand-in stack both build their
 * tables from these definitions, so local runs exercise the same keys and indexes as production.
 * All key attributes are strings.
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

export interface TableDefinition {
  /** Logical name; the physical name comes from configuration. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, for records that age out. */
  readonly timeToLive?: string;
}

/**
 * Change log. Item id is deterministic (source, release, change type, key) so a repeated run
 * rewrites nothing new. Access patterns: a source over time; one code's history (and, for NCCI
 * pairs, the second code's); everything detected on one day, which feeds digests.
 */
export const CHANGES_TABLE: TableDefinition = {
  name: "changes",
  partitionKey: "id",
  indexes: [
    { name: "bySource", partitionKey: "sourceId", sortKey: "detectedAt" },
    { name: "byCode", partitionKey: "codeRef", sortKey: "detectedAt" },
    { name: "byPairedCode", partitionKey: "pairedCodeRef", sortKey: "detectedAt" },
    { name: "byDetectedDay", partitionKey: "detectedDay", sortKey: "id" },
    // Code ranges ("what changed in E08–E13"): one code system read in code order, so a range is
    // a key condition rather than a filter over the whole system's changes.
    { name: "bySystemCode", partitionKey: "system", sortKey: "key" },
  ],
};

/** Per source: its current state (`item = STATE`) and one item per collected release (`RELEASE#…`). */
export const SOURCES_TABLE: TableDefinition = {
  name: "sources",
  partitionKey: "sourceId",
  sortKey: "item",
  indexes: [],
};

/** One record per collection run: status, counts, duration, error, evidence. */
export const RUNS_TABLE: TableDefinition = {
  name: "runs",
  partitionKey: "sourceId",
  sortKey: "runKey",
  indexes: [{ name: "byStartedDay", partitionKey: "startedDay", sortKey: "runKey" }],
  timeToLive: "expiresAt",
};

export const CHANGE_LOG_TABLES = [CHANGES_TABLE, SOURCES_TABLE, RUNS_TABLE] as const;

/**
 * Subscribers (personal data: kept apart from the change log, which the collector may write).
 * The email is found through the sha256 of its normalized form, never a scan; the dispatcher
 * reads the active subscribers through `byStatus`.
 */
export const SUBSCRIBERS_TABLE: TableDefinition = {
  name: "subscribers",
  partitionKey: "subscriberId",
  indexes: [
    { name: "byEmailHash", partitionKey: "emailHash" },
    { name: "byStatus", partitionKey: "status", sortKey: "subscriberId" },
  ],
};

/**
 * One item per email a subscriber is due (a digest period, a CEU reminder), written with a
 * condition before sending: a retried or repeated run finds it and sends nothing twice.
 */
export const DELIVERIES_TABLE: TableDefinition = {
  name: "deliveries",
  partitionKey: "subscriberId",
  sortKey: "deliveryKey",
  indexes: [],
  timeToLive: "expiresAt",
};

/**
 * One item per subscribed address, keyed by the sha256 of its normalized form and written only if
 * absent: whatever number of sign-ups for one address arrive at once, one of them creates the
 * subscriber and the others find it (a query on an index cannot give that guarantee).
 */
export const ADDRESSES_TABLE: TableDefinition = {
  name: "addresses",
  partitionKey: "emailHash",
  indexes: [],
};

/**
 * CEUs a subscriber logged, one item each (`entryKey` starts with the day, so a cycle is a key
 * range): a CEU log kept inside the subscriber item would grow toward DynamoDB's 400 KB item limit.
 */
export const CEUS_TABLE: TableDefinition = {
  name: "ceus",
  partitionKey: "subscriberId",
  sortKey: "entryKey",
  indexes: [],
};

export const DIGEST_TABLES = [SUBSCRIBERS_TABLE, DELIVERIES_TABLE, ADDRESSES_TABLE, CEUS_TABLE] as const;

/**
 * Every table the application uses. Stacks provision exactly this list (the local stand-in stack
 * iterates it), so a table added here exists everywhere without touching the stacks.
 */
export const ALL_TABLES: readonly TableDefinition[] = [...CHANGE_LOG_TABLES, ...DIGEST_TABLES];
