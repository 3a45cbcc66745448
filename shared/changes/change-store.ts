import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { ChangeLog } from "./change-log.js";
import type { ChangeRecord } from "./change-record.js";

/** DynamoDB accepts at most 25 items per BatchWriteItem. */
const BATCH_SIZE = 25;
const PARALLEL_BATCHES = 8;
const MAX_UNPROCESSED_ROUNDS = 10;

/**
 * Where the next page of a query starts: DynamoDB's own last key, passed back as it came. Pages of
 * this store are read within one process (exports, digests, the CLI), so nothing is encoded; the
 * API's cursors, which do leave it, are signed by its one codec (api/http/page-cursor.ts).
 */
export type PageStart = Readonly<Record<string, unknown>>;

export interface ChangePage {
  readonly changes: ChangeRecord[];
  /** Absent on the last page. */
  readonly cursor?: PageStart;
}

export interface ChangeQuery {
  /** ISO timestamp: only changes detected at or after it. */
  readonly since?: string;
  readonly limit?: number;
  readonly cursor?: PageStart;
}

/**
 * The change log table. Writes are batched and parallel; ids and contents are deterministic for
 * a release (the release claim pins detection time and evidence), so rewriting a batch after a
 * retry stores the very same items and never a duplicate.
 */
export class ChangeStore implements ChangeLog {
  /** `sleep` waits between offers of unprocessed items; injected so tests see the waits without them. */
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async write(changes: readonly ChangeRecord[], onProgress?: (written: number) => void): Promise<void> {
    const batches: ChangeRecord[][] = [];
    for (let i = 0; i < changes.length; i += BATCH_SIZE) batches.push(changes.slice(i, i + BATCH_SIZE));
    let written = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await this.writeBatch(batch);
        written += batch.length;
        onProgress?.(written);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_BATCHES, batches.length) }, worker));
  }

  /** Changes of one source, newest detection first. */
  bySource(sourceId: string, query: ChangeQuery = {}): Promise<ChangePage> {
    return this.page(
      {
        IndexName: "bySource",
        KeyConditionExpression: query.since ? "sourceId = :s AND detectedAt >= :since" : "sourceId = :s",
        ExpressionAttributeValues: { ":s": sourceId, ...(query.since ? { ":since": query.since } : {}) },
        ScanIndexForward: false,
      },
      query,
    );
  }

  /** History of one code in one code system, newest first. */
  byCode(system: string, code: string, query: ChangeQuery = {}): Promise<ChangePage> {
    const codeRef = `${system}#${code}`;
    return this.page(
      {
        IndexName: "byCode",
        KeyConditionExpression: query.since ? "codeRef = :c AND detectedAt >= :since" : "codeRef = :c",
        ExpressionAttributeValues: { ":c": codeRef, ...(query.since ? { ":since": query.since } : {}) },
        ScanIndexForward: false,
      },
      query,
    );
  }

  /** Changes to pairs (NCCI PTP edits) whose second code is `code`, newest first: the rest of that code's history. */
  byPairedCode(system: string, code: string, query: ChangeQuery = {}): Promise<ChangePage> {
    const pairedCodeRef = `${system}#${code}`;
    return this.page(
      {
        IndexName: "byPairedCode",
        KeyConditionExpression: query.since
          ? "pairedCodeRef = :c AND detectedAt >= :since"
          : "pairedCodeRef = :c",
        ExpressionAttributeValues: { ":c": pairedCodeRef, ...(query.since ? { ":since": query.since } : {}) },
        ScanIndexForward: false,
      },
      query,
    );
  }

  /** Everything detected on one UTC day (YYYY-MM-DD): what digests are built from. */
  byDetectedDay(day: string, query: ChangeQuery = {}): Promise<ChangePage> {
    return this.page(
      {
        IndexName: "byDetectedDay",
        KeyConditionExpression: "detectedDay = :d",
        ExpressionAttributeValues: { ":d": day },
      },
      query,
    );
  }

  /** Reads every page of a query (for exports and small reports). */
  async all(fetchPage: (cursor?: PageStart) => Promise<ChangePage>): Promise<ChangeRecord[]> {
    const all: ChangeRecord[] = [];
    let cursor: PageStart | undefined;
    do {
      const page = await fetchPage(cursor);
      all.push(...page.changes);
      cursor = page.cursor;
    } while (cursor);
    return all;
  }

  private async page(input: Omit<QueryCommandInput, "TableName">, query: ChangeQuery): Promise<ChangePage> {
    const result = await this.dynamo.send(
      new QueryCommand({
        ...input,
        TableName: this.table,
        Limit: query.limit ?? 500,
        ExclusiveStartKey: query.cursor,
      }),
    );
    return {
      changes: (result.Items ?? []) as ChangeRecord[],
      ...(result.LastEvaluatedKey ? { cursor: result.LastEvaluatedKey } : {}),
    };
  }

  /**
   * A BatchWriteItem can succeed while leaving some items unprocessed (the table is at capacity).
   * That is not an error, so the SDK's retry policy, which retries failed calls, never sees it:
   * offering what is left again, after a growing pause, is the caller's part, as DynamoDB's
   * documentation asks. A call that fails outright is the SDK's to retry, and is not retried here.
   */
  private async writeBatch(batch: readonly ChangeRecord[]): Promise<void> {
    let pending: Record<string, unknown>[] = batch.map((item) => ({ PutRequest: { Item: item } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_UNPROCESSED_ROUNDS) {
        throw new Error(`DynamoDB left ${pending.length} change(s) unprocessed after ${round} attempts`);
      }
      if (round > 0) await this.sleep(Math.min(5_000, 50 * 2 ** round) * (0.5 + Math.random() / 2));
      const result = await this.dynamo.send(
        new BatchWriteCommand({ RequestItems: { [this.table]: pending as never } }),
      );
      pending = (result.UnprocessedItems?.[this.table] ?? []) as Record<string, unknown>[];
    }
  }
}
