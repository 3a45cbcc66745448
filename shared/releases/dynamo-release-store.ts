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
    const failed = note.lastRunStatus === "failed";
    // A failure extends the streak (ADD is atomic under racing runs); anything else ends it.
    const streak = failed
      ? {
          set: ["failingSince = if_not_exists(failingSince, :lastRunAt)"],
          add: " ADD consecutiveFailures :one",
        }
      : { set: ["consecutiveFailures = :zero"], add: "" };
    const removed = [
      ...(note.lastError === undefined ? ["lastError"] : []),
      ...(failed ? [] : ["failingSince", "lastFailure"]),
    ];
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { sourceId, item: STATE },
        UpdateExpression: `SET ${[...sets, "revision = if_not_exists(revision, :zero)", ...streak.set].join(", ")}${streak.add}${
          removed.length > 0 ? ` REMOVE ${removed.join(", ")}` : ""
        }`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ...values, ":zero": 0, ...(failed ? { ":one": 1 } : {}) },
      }),
    );
  }

  async openAlert(sourceId: string, at: string, afterFailures: number): Promise<SourceState | undefined> {
    try {
      const result = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { sourceId, item: STATE },
          UpdateExpression: "SET alertOpenedAt = :at, alertFailingSince = failingSince",
          ConditionExpression:
            "attribute_not_exists(alertOpenedAt) AND consecutiveFailures >= :n AND attribute_exists(failingSince)",
          ExpressionAttributeValues: { ":at": at, ":n": afterFailures },
          ReturnValues: "ALL_NEW",
        }),
      );
      return result.Attributes as SourceState;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return undefined;
      throw error;
    }
  }

  async closeAlert(sourceId: string): Promise<SourceState | undefined> {
    try {
      const result = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { sourceId, item: STATE },
          UpdateExpression: "REMOVE alertOpenedAt, alertFailingSince",
          ConditionExpression:
            "attribute_exists(alertOpenedAt) AND (attribute_not_exists(consecutiveFailures) OR consecutiveFailures = :zero)",
          ExpressionAttributeValues: { ":zero": 0 },
          ReturnValues: "ALL_OLD",
        }),
      );
      return result.Attributes as SourceState;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return undefined;
      throw error;
    }
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
    const values: Record<string, unknown> = {
      ":expected": expectedRevision,
      ":next": expectedRevision + 1,
      ":zero": 0,
    };
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
        // A release completed is a run that did not fail: the failure streak ends.
        UpdateExpression: `SET ${[...sets, "revision = :next", "consecutiveFailures = :zero"].join(", ")} REMOVE lastError, failingSince, lastFailure`,
        ConditionExpression: "attribute_not_exists(revision) OR revision = :expected",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }
}
