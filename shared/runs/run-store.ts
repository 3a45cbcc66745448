import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { RunRecord } from "./run-record.js";

/** The run log: one item per collection run, written when it starts and again when it ends. */
export class RunStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(run: RunRecord): Promise<void> {
    await this.dynamo.send(new PutCommand({ TableName: this.table, Item: run }));
  }

  /** Runs of one source, newest first. */
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
