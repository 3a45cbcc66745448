import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { ReleaseRecord, SourceState } from "./release-record.js";
import {
  ConcurrentRunError,
  type ReleaseCompletion,
  type ReleaseStore,
  type SuccessorRebase,
} from "./release-store.js";

const STATE = "STATE";

/** The sources table: one STATE item per source and one item per collected release. */
export class DynamoReleaseStore implements ReleaseStore {
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

  /** Every release of a source, oldest effective date first (the sort key starts with it). */
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
   * One transaction: the release complete; the source advanced to it (conditional on the state
   * revision read at the start of the run) unless it is history; a rebased successor no longer the
   * baseline (conditional on it still being one).
   */
  async complete(release: ReleaseRecord, completion: ReleaseCompletion): Promise<void> {
    const { advance, expectedRevision, successor } = completion;
    const completeRelease = {
      Update: {
        TableName: this.table,
        Key: { sourceId: release.sourceId, item: release.item },
        UpdateExpression: "SET #status = :complete, summary = :summary",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":complete": "complete", ":summary": release.summary ?? null },
      },
    };
    const items = [
      completeRelease,
      ...(advance ? [this.stateUpdate(release.sourceId, advance, expectedRevision)] : []),
      ...(successor ? [this.rebase(successor)] : []),
    ];
    try {
      await this.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if ((error as { name?: string }).name === "TransactionCanceledException") {
        throw new ConcurrentRunError(`another run changed ${release.sourceId} first`);
      }
      throw error;
    }
  }

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

  private rebase({ release, previousReleaseKey, summary }: SuccessorRebase) {
    return {
      Update: {
        TableName: this.table,
        Key: { sourceId: release.sourceId, item: release.item },
        UpdateExpression: "SET #baseline = :false, previousReleaseKey = :previous, summary = :summary",
        ConditionExpression: "#baseline = :true",
        ExpressionAttributeNames: { "#baseline": "baseline" },
        ExpressionAttributeValues: {
          ":false": false,
          ":true": true,
          ":previous": previousReleaseKey,
          ":summary": summary,
        },
      },
    };
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
