import { randomBytes } from "node:crypto";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import type { CeuEntry } from "../ceu/ceu-entry.js";

/**
 * How many entries one subscriber's CEU log keeps. Two-year cycles hold a few dozen; a thousand is
 * decades. Past it, logging is refused with a sentence (delete old entries to log more) instead of
 * growing without end.
 */
export const CEU_LOG_MAX_ENTRIES = 1000;
/** Entries per page of the CEU log page. */
export const CEU_LOG_PAGE_SIZE = 20;

/** One logged entry and its key (`YYYY-MM-DD#<logged at>#<random>`: day order, then logging order). */
export interface CeuLogEntry extends CeuEntry {
  readonly entryKey: string;
  readonly loggedAt: string;
}

export interface CeuLogPage {
  readonly entries: readonly CeuLogEntry[];
  /** Where the next (older) page starts: pass it back as `before`. */
  readonly before?: string;
}

export class CeuLogFullError extends Error {
  constructor() {
    super(
      `Your CEU log holds ${CEU_LOG_MAX_ENTRIES} entries, the most codecurrent keeps. Delete entries of cycles that have ended, then log this one again.`,
    );
    this.name = "CeuLogFullError";
  }
}

const ENTRY_KEY = /^\d{4}-\d{2}-\d{2}#[0-9TZ:.-]+#[0-9a-f]{8}$/;

/** Whether `text` is an entry key this log wrote (a page cursor or a delete request from a form). */
export function isEntryKey(text: string): boolean {
  return ENTRY_KEY.test(text);
}

/**
 * The CEU log: one item per entry in the ceus table, and a count on the subscriber item that a
 * transaction keeps below the cap. Cycles read a key range (entries are keyed by their day).
 */
export class CeuLog {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly tables: { readonly ceus: string; readonly subscribers: string },
  ) {}

  /** Logs one entry; CeuLogFullError at the cap; false when the subscriber does not exist. */
  async log(subscriberId: string, entry: CeuEntry, now = new Date()): Promise<CeuLogEntry | undefined> {
    const loggedAt = now.toISOString();
    const item: CeuLogEntry = {
      ...entry,
      entryKey: `${entry.date}#${loggedAt}#${randomBytes(4).toString("hex")}`,
      loggedAt,
    };
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tables.ceus, Item: { subscriberId, ...item } } },
            {
              Update: {
                TableName: this.tables.subscribers,
                Key: { subscriberId },
                UpdateExpression: "ADD ceuEntryCount :one",
                ConditionExpression:
                  "attribute_exists(subscriberId) AND (attribute_not_exists(ceuEntryCount) OR ceuEntryCount < :max)",
                ExpressionAttributeValues: { ":one": 1, ":max": CEU_LOG_MAX_ENTRIES },
              },
            },
          ],
        }),
      );
      return item;
    } catch (error) {
      if ((error as { name?: string }).name !== "TransactionCanceledException") throw error;
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons[1]?.Code !== "ConditionalCheckFailed") throw error;
      if ((await this.count(subscriberId)) === undefined) return undefined;
      throw new CeuLogFullError();
    }
  }

  /** Deletes one entry of this subscriber's; false when there was none with that key. */
  async remove(subscriberId: string, entryKey: string): Promise<boolean> {
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tables.ceus,
                Key: { subscriberId, entryKey },
                ConditionExpression: "attribute_exists(entryKey)",
              },
            },
            {
              Update: {
                TableName: this.tables.subscribers,
                Key: { subscriberId },
                UpdateExpression: "ADD ceuEntryCount :minus",
                ConditionExpression: "ceuEntryCount > :zero",
                ExpressionAttributeValues: { ":minus": -1, ":zero": 0 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "TransactionCanceledException") return false;
      throw error;
    }
  }

  /** The newest entries first, a page at a time. */
  async page(subscriberId: string, before?: string, limit = CEU_LOG_PAGE_SIZE): Promise<CeuLogPage> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tables.ceus,
        KeyConditionExpression: before ? "subscriberId = :s AND entryKey < :b" : "subscriberId = :s",
        ExpressionAttributeValues: { ":s": subscriberId, ...(before ? { ":b": before } : {}) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const entries = (result.Items ?? []).map(toEntry);
    const last = entries.at(-1);
    return { entries, ...(result.LastEvaluatedKey && last ? { before: last.entryKey } : {}) };
  }

  /** Every entry completed after `afterDay` (a cycle start): what the cycle arithmetic reads. */
  async since(subscriberId: string, afterDay: string): Promise<CeuLogEntry[]> {
    const entries: CeuLogEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.dynamo.send(
        new QueryCommand({
          TableName: this.tables.ceus,
          // Keys start with the day: every key of a later day sorts after `${afterDay}#\uffff`.
          KeyConditionExpression: "subscriberId = :s AND entryKey > :from",
          ExpressionAttributeValues: { ":s": subscriberId, ":from": `${afterDay}#\uffff` },
          ExclusiveStartKey: start,
        }),
      );
      entries.push(...(result.Items ?? []).map(toEntry));
      start = result.LastEvaluatedKey;
    } while (start);
    return entries;
  }

  /** Entries logged (undefined: no such subscriber). */
  private async count(subscriberId: string): Promise<number | undefined> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.tables.subscribers,
        KeyConditionExpression: "subscriberId = :s",
        ExpressionAttributeValues: { ":s": subscriberId },
        ProjectionExpression: "ceuEntryCount",
        ConsistentRead: true,
      }),
    );
    const item = result.Items?.[0];
    return item === undefined ? undefined : Number(item.ceuEntryCount ?? 0);
  }

  /** Deletes every entry of a subscriber (the subscriber is being removed). */
  async removeAll(subscriberId: string): Promise<void> {
    for (;;) {
      const page = await this.page(subscriberId, undefined, 25);
      if (page.entries.length === 0) return;
      await Promise.all(
        page.entries.map((entry) =>
          this.dynamo.send(
            new DeleteCommand({
              TableName: this.tables.ceus,
              Key: { subscriberId, entryKey: entry.entryKey },
            }),
          ),
        ),
      );
    }
  }
}

function toEntry(item: Record<string, unknown>): CeuLogEntry {
  const { subscriberId: _owner, ...entry } = item;
  return entry as unknown as CeuLogEntry;
}
