import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { ChangeStore } from "#shared/changes/change-store.js";

const TABLE = "changes";

/** Records stand in by id: the store passes them through to DynamoDB untouched. */
const records = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `c${i}` }) as unknown as ChangeRecord);

interface Put {
  readonly PutRequest: { readonly Item: { readonly id: string } };
}

/**
 * A table at capacity: each BatchWriteItem takes all but the last `leaveUnprocessed(call)` items
 * it was offered and returns those as UnprocessedItems, as DynamoDB does.
 */
function tableAtCapacity(leaveUnprocessed: (call: number) => number) {
  const offered: string[][] = [];
  const client = {
    send: async (command: { input: { RequestItems: Record<string, Put[]> } }) => {
      const puts = command.input.RequestItems[TABLE]!;
      offered.push(puts.map((put) => put.PutRequest.Item.id));
      const left = Math.min(puts.length, leaveUnprocessed(offered.length));
      return left === 0 ? {} : { UnprocessedItems: { [TABLE]: puts.slice(puts.length - left) } };
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, offered };
}

describe("writing changes", () => {
  it("offers what DynamoDB left unprocessed again, after a growing pause, until all is written", async () => {
    const table = tableAtCapacity((call) => [10, 3, 0][call - 1] ?? 0);
    const waits: number[] = [];
    const store = new ChangeStore(table.client, TABLE, async (ms) => void waits.push(ms));

    await store.write(records(25));

    expect(table.offered.map((ids) => ids.length)).toEqual([25, 10, 3]);
    expect(table.offered[1]).toEqual(table.offered[0]!.slice(15));
    expect(table.offered[2]).toEqual(table.offered[1]!.slice(7));
    expect(waits).toHaveLength(2);
    // Jittered: half to all of 100 ms, then of 200 ms.
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeLessThanOrEqual(200);
  });

  it("gives up with a clear error when the table never takes the rest", async () => {
    const table = tableAtCapacity(() => 2);
    const waits: number[] = [];
    const store = new ChangeStore(table.client, TABLE, async (ms) => void waits.push(ms));

    await expect(store.write(records(5))).rejects.toThrow(
      "DynamoDB left 2 change(s) unprocessed after 10 attempts",
    );
    expect(table.offered).toHaveLength(10);
    expect(waits).toHaveLength(9);
    expect(Math.max(...waits)).toBeLessThanOrEqual(5_000);
  });
});
