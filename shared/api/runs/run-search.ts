import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { RunRecord } from "../../runs/run-record.js";
import { type PageCursors, queryFingerprint } from "../http/page-cursor.js";

export interface RunFilter {
  readonly sourceId?: string;
  readonly status?: RunRecord["status"];
  /** Inclusive UTC days, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
}

export interface RunPage {
  readonly runs: RunRecord[];
  readonly cursor?: string;
}

const DAY_MS = 86_400_000;
const MAX_READS = 40;

/** Where the run log stands: the day being read and, within it, DynamoDB's last key. */
const Position = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  key: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The run log, newest first. One source: its own partition, runKey (`startedAt#runId`) bounded
 * by the days. Every source: the `byStartedDay` index, one day at a time from the newest.
 */
export class RunSearch {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cursors: PageCursors,
  ) {}

  async page(filter: RunFilter, limit: number, cursor?: string): Promise<RunPage> {
    const fingerprint = queryFingerprint(filter);
    const start: { day: string; key?: Record<string, unknown> } = cursor
      ? this.cursors.decode(cursor, fingerprint, Position)
      : { day: filter.to };
    const days = filter.sourceId ? [filter.to] : daysDescending(start.day, filter.from);
    const runs: RunRecord[] = [];
    let reads = 0;
    let key = start.key;
    for (const [i, day] of days.entries()) {
      do {
        if (reads++ >= MAX_READS || runs.length >= limit) {
          return { runs, cursor: this.cursors.encode(fingerprint, { day, ...(key ? { key } : {}) }) };
        }
        const result = await this.dynamo.send(
          new QueryCommand({
            ...this.query(filter, day),
            Limit: limit - runs.length,
            ExclusiveStartKey: key,
          }),
        );
        runs.push(...((result.Items ?? []) as RunRecord[]));
        key = result.LastEvaluatedKey;
      } while (key);
      const nextDay = days[i + 1];
      if (runs.length >= limit && nextDay)
        return { runs, cursor: this.cursors.encode(fingerprint, { day: nextDay }) };
    }
    return { runs };
  }

  private query(filter: RunFilter, day: string): QueryCommandInput {
    const status: Partial<QueryCommandInput> = filter.status
      ? { FilterExpression: "#status = :status", ExpressionAttributeNames: { "#status": "status" } }
      : {};
    const statusValue = filter.status ? { ":status": filter.status } : {};
    if (filter.sourceId) {
      return {
        TableName: this.table,
        KeyConditionExpression: "sourceId = :s AND runKey BETWEEN :from AND :to",
        ExpressionAttributeValues: {
          ":s": filter.sourceId,
          ":from": filter.from,
          // runKey starts with the ISO start time: every run of the last day sorts before this.
          ":to": `${filter.to}~`,
          ...statusValue,
        },
        ...status,
        ScanIndexForward: false,
      };
    }
    return {
      TableName: this.table,
      IndexName: "byStartedDay",
      KeyConditionExpression: "startedDay = :d",
      ExpressionAttributeValues: { ":d": day, ...statusValue },
      ...status,
      ScanIndexForward: false,
    };
  }
}

function daysDescending(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(from); t >= Date.parse(to); t -= DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
