import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { ReleaseRecord, SourceState } from "./release-record.js";

const STATE = "STATE";

/** Thrown when a conditional write loses to a concurrent run of the same source. */
export class ConcurrentRunError extends Error {
  override readonly name = "ConcurrentRunError";
}

/** The sources table: one STATE item per source and one item per collected release. */
export class ReleaseStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async state(sourceId: string): Promise<SourceState> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { sourceId, item: STATE }, ConsistentRead: true }),
    );
    return (result.Item as SourceState | undefined) ?? { sourceId, item: STATE, revision: 0 };
  }

  async states(sourceIds: readonly string[]): Promise<SourceState[]> {
    return Promise.all(sourceIds.map((id) => this.state(id)));
  }

  async release(sourceId: string, item: string): Promise<ReleaseRecord | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { sourceId, item }, ConsistentRead: true }),
    );
    return result.Item as ReleaseRecord | undefined;
  }

  /** Every release of a source, oldest effective date first. */
  async releases(sourceId: string): Promise<ReleaseRecord[]> {
    const items: ReleaseRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: "sourceId = :s AND begins_with(#item, :r)",
          ExpressionAttributeNames: { "#item": "item" },
          ExpressionAttributeValues: { ":s": sourceId, ":r": "RELEASE#" },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as ReleaseRecord[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /**
   * Claims a release before its changes are written. Returns the claim that holds: a fresh one,
   * or the pending claim of an earlier attempt with the same bytes (whose detection time and
   * evidence the retry must reuse).
   */
  async claim(release: ReleaseRecord): Promise<ReleaseRecord> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: release,
          ConditionExpression: "attribute_not_exists(sourceId)",
        }),
      );
      return release;
    } catch (error) {
      if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
      const existing = await this.release(release.sourceId, release.item);
      if (!existing) throw new ConcurrentRunError(`release ${release.item} vanished while claiming it`);
      return existing;
    }
  }

  /**
   * Marks a release complete and, unless it is history, makes it the source's current release.
   * One transaction, conditional on the state revision read at the start of the run.
   */
  async complete(
    release: ReleaseRecord,
    advance: Partial<SourceState> | undefined,
    expectedRevision: number,
  ): Promise<void> {
    const completeRelease = {
      Update: {
        TableName: this.table,
        Key: { sourceId: release.sourceId, item: release.item },
        UpdateExpression: "SET #status = :complete, summary = :summary",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":complete": "complete", ":summary": release.summary ?? null },
      },
    };
    if (!advance) {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: [completeRelease] }));
      return;
    }
    try {
      await this.dynamo.send(
        new TransactWriteCommand({
          TransactItems: [completeRelease, this.stateUpdate(release.sourceId, advance, expectedRevision)],
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === "TransactionCanceledException") {
        throw new ConcurrentRunError(`another run advanced ${release.sourceId} first`);
      }
      throw error;
    }
  }

  /** Records what a run did without moving the current release (failures, unchanged runs). */
  async noteRun(
    sourceId: string,
    note: Pick<SourceState, "lastRunAt" | "lastRunStatus"> & Partial<SourceState>,
  ): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(note)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        names[`#${key}`] = key;
        values[`:${key}`] = value;
        return `#${key} = :${key}`;
      });
    const removeError = note.lastError === undefined ? " REMOVE lastError" : "";
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { sourceId, item: STATE },
        UpdateExpression: `SET ${sets.join(", ")}, revision = if_not_exists(revision, :zero)${removeError}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ":zero": 0 },
      }),
    );
  }

  private stateUpdate(sourceId: string, advance: Partial<SourceState>, expectedRevision: number) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ":expected": expectedRevision, ":next": expectedRevision + 1 };
    const sets = Object.entries(advance)
      .filter(
        ([key, value]) => value !== undefined && key !== "revision" && key !== "sourceId" && key !== "item",
      )
      .map(([key, value]) => {
        names[`#${key}`] = key;
        values[`:${key}`] = value;
        return `#${key} = :${key}`;
      });
    return {
      Update: {
        TableName: this.table,
        Key: { sourceId, item: STATE },
        UpdateExpression: `SET ${[...sets, "revision = :next"].join(", ")} REMOVE lastError`,
        ConditionExpression: "attribute_not_exists(revision) OR revision = :expected",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }
}
