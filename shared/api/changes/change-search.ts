import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { ChangeRecord } from "../../changes/change-record.js";
import { type PageCursors, queryFingerprint } from "../http/page-cursor.js";
import type { ChangeQueryPlan, IndexQuery } from "./change-query-plan.js";

/** Where one merged index query stands: resume after `key`, from the start (`{}`), or `done`. */
type StreamPosition = { readonly key?: Record<string, unknown> } | { readonly done: true };

/** A cursor holds one position per index query of the plan. */
const Positions = z.array(
  z.union([
    z.object({ done: z.literal(true) }),
    z.object({ key: z.record(z.string(), z.unknown()).optional() }),
  ]),
);

export interface ChangeSearchPage {
  readonly changes: ChangeRecord[];
  /** Absent on the last page. A page may hold fewer than `limit` changes and still have a cursor. */
  readonly cursor?: string;
}

export interface ChangeSearchOptions {
  /**
   * Query calls one page may make. A selective filter expression can read many items to find a
   * few; past this budget the page ends early with a cursor, so no request runs into the API's
   * 30-second limit.
   */
  readonly maxReadsPerPage?: number;
}

interface Stream {
  readonly query: IndexQuery;
  readonly buffer: ChangeRecord[];
  /** Where the next Query starts (DynamoDB's LastEvaluatedKey, or the cursor's key). */
  nextStart?: Record<string, unknown>;
  exhausted: boolean;
  /** Where a cursor resumes while the buffer still holds unread items. */
  lastTaken?: Record<string, unknown>;
}

/**
 * Runs a query plan page by page: reads each index query in order and merges them (newest
 * detection first, or code order), with a cursor that remembers every query's position.
 */
export class ChangeSearch {
  private readonly maxReads: number;

  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cursors: PageCursors,
    options: ChangeSearchOptions = {},
  ) {
    this.maxReads = options.maxReadsPerPage ?? 40;
  }

  async page(plan: ChangeQueryPlan, limit: number, cursor?: string): Promise<ChangeSearchPage> {
    const fingerprint = queryFingerprint(plan);
    const positions: StreamPosition[] = cursor
      ? this.cursors.decode(cursor, fingerprint, Positions.length(plan.queries.length))
      : plan.queries.map(() => ({}));
    const streams: Stream[] = plan.queries.map((query, i) => {
      const position = positions[i]!;
      const done = "done" in position;
      const key = done ? undefined : position.key;
      return { query, buffer: [], exhausted: done, nextStart: key, lastTaken: key };
    });
    const readSize = Math.min(Math.max(limit, 50), 500);
    const changes: ChangeRecord[] = [];
    let reads = 0;
    let outOfBudget = false;
    while (changes.length < limit) {
      // A stream may only lose the merge once its head is known: fill every empty live stream first.
      for (let hungry = streams.filter(needsRead); hungry.length > 0; hungry = streams.filter(needsRead)) {
        if (reads + hungry.length > this.maxReads) {
          outOfBudget = true;
          break;
        }
        reads += hungry.length;
        await Promise.all(hungry.map((stream) => this.read(stream, plan, readSize)));
      }
      if (outOfBudget) break;
      const best = pickNext(streams, plan.order);
      if (!best) break;
      const change = best.buffer.shift()!;
      best.lastTaken = keyOf(change, best.query);
      changes.push(change);
    }
    const finished = streams.every((stream) => stream.exhausted && stream.buffer.length === 0);
    return {
      changes,
      ...(finished ? {} : { cursor: this.cursors.encode(fingerprint, streams.map(positionOf)) }),
    };
  }

  /** Every change the plan finds, up to `max` (exports); `undefined` when there are more. */
  async all(plan: ChangeQueryPlan, max: number): Promise<ChangeRecord[] | undefined> {
    const all: ChangeRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(plan, 500, cursor);
      all.push(...page.changes);
      if (all.length > max) return undefined;
      cursor = page.cursor;
    } while (cursor);
    return all;
  }

  private async read(stream: Stream, plan: ChangeQueryPlan, limit: number): Promise<void> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: stream.query.index,
        KeyConditionExpression: stream.query.keyCondition,
        ...(plan.filter ? { FilterExpression: plan.filter.expression } : {}),
        ExpressionAttributeNames: { ...stream.query.names, ...plan.filter?.names },
        ExpressionAttributeValues: { ...stream.query.values, ...plan.filter?.values },
        ScanIndexForward: plan.order === "by-code",
        Limit: limit,
        ExclusiveStartKey: stream.nextStart,
      }),
    );
    stream.buffer.push(...((result.Items ?? []) as ChangeRecord[]));
    stream.nextStart = result.LastEvaluatedKey;
    stream.exhausted = result.LastEvaluatedKey === undefined;
    // Items a filter dropped were read past: resume after them, not before.
    if (stream.buffer.length === 0) stream.lastTaken = result.LastEvaluatedKey;
  }
}

function needsRead(stream: Stream): boolean {
  return stream.buffer.length === 0 && !stream.exhausted;
}

function pickNext(streams: readonly Stream[], order: ChangeQueryPlan["order"]): Stream | undefined {
  let best: Stream | undefined;
  for (const stream of streams) {
    const head = stream.buffer[0];
    if (!head) continue;
    const current = best?.buffer[0];
    if (!current) {
      best = stream;
      continue;
    }
    const better = order === "by-code" ? head.key < current.key : head.detectedAt > current.detectedAt;
    if (better) best = stream;
  }
  return best;
}

function keyOf(change: ChangeRecord, query: IndexQuery): Record<string, unknown> {
  const record = change as unknown as Record<string, unknown>;
  return Object.fromEntries(query.keyAttributes.map((name) => [name, record[name]]));
}

function positionOf(stream: Stream): StreamPosition {
  if (stream.buffer.length === 0) return stream.exhausted ? { done: true } : { key: stream.nextStart! };
  return stream.lastTaken ? { key: stream.lastTaken } : {};
}
