import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { RunRecord } from "./run-record.js";
import type { RunStore } from "./run-store.js";

/** The runs table: one item per collection run, expiring after a year (TTL). */
export class DynamoRunStore implements RunStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(run: RunRecord): Promise<void> {
    await this.dynamo.send(new PutCommand({ TableName: this.table, Item: run }));
  }

  async closeIfRunning(closed: RunRecord): Promise<boolean> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: closed,
          ConditionExpression: "#status = :running",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":running": "running" },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  async bySource(sourceId: string, limit = 50): Promise<RunRecord[]> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: "sourceId = :s",
        ExpressionAttributeValues: { ":s": sourceId },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []) as RunRecord[];
  }
}
