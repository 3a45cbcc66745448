import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { emailHash } from "./email-address.js";
import type { Preferences, Subscriber, SubscriberStatus } from "./subscriber.js";
import { canMoveTo } from "./subscriber-status.js";

/** What a sign-up leaves waiting for the owner's click (see `Subscriber.pendingId`). */
export interface PendingSignUp {
  readonly pendingId: string;
  /** For an address already known: the preferences the confirmation applies. */
  readonly preferences?: Preferences;
  readonly name?: string;
}

export type ConfirmOutcome =
  /** pending → active. */
  | "confirmed"
  /** An active subscriber's pending preferences applied. */
  | "applied"
  /** The link is not the latest one, or the subscription moved on (unsubscribed, signed up again). */
  | "stale";

const PENDING_ATTRIBUTES = "pendingId, pendingPreferences, pendingName, pendingSince";

/** The subscribers table. Emails are stored normalized; an address's owner is found in the addresses table. */
export class SubscriberStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Writes a new subscriber; false if the id exists already (a retried sign-up). */
  async create(subscriber: Subscriber): Promise<boolean> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: subscriber,
          ConditionExpression: "attribute_not_exists(subscriberId)",
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  async get(subscriberId: string): Promise<Subscriber | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { subscriberId }, ConsistentRead: true }),
    );
    return result.Item as Subscriber | undefined;
  }

  /**
   * Through the `byEmailHash` index: operators' lookups, and subscribers written before the
   * addresses table existed. Sign-ups go through the addresses table, which is consistent.
   */
  async findByEmail(email: string): Promise<Subscriber | undefined> {
    const result = await this.dynamo.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: "byEmailHash",
        KeyConditionExpression: "emailHash = :h",
        ExpressionAttributeValues: { ":h": emailHash(email) },
      }),
    );
    const found = result.Items?.[0] as Subscriber | undefined;
    // The index is eventually consistent: read the item itself for its current status.
    return found ? this.get(found.subscriberId) : undefined;
  }

  /** Every subscriber in one status, in pages (the dispatcher reads `active`). */
  async *withStatus(status: SubscriberStatus): AsyncGenerator<Subscriber[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.dynamo.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: "byStatus",
          KeyConditionExpression: "#s = :s",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: { ":s": status },
          ExclusiveStartKey: start,
        }),
      );
      yield (page.Items ?? []) as Subscriber[];
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /**
   * Moves a subscriber to a status, conditionally on the status read, so a confirmation racing an
   * unsubscribe or a bounce never resurrects the address. False when the move is not allowed.
   * (Unsubscribing goes through `unsubscribe`, which also retires the links already sent.)
   */
  async setStatus(
    subscriberId: string,
    to: SubscriberStatus,
    reason: string,
    now = new Date(),
  ): Promise<boolean> {
    const current = await this.get(subscriberId);
    if (!current || !canMoveTo(current.status, to)) return false;
    if (current.status === to) return true;
    return this.conditionalUpdate({
      Key: { subscriberId },
      UpdateExpression:
        to === "active"
          ? "SET #s = :to, statusReason = :r, statusChangedAt = :at, confirmedAt = :at"
          : "SET #s = :to, statusReason = :r, statusChangedAt = :at",
      ConditionExpression: "#s = :from",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: {
        ":to": to,
        ":from": current.status,
        ":r": reason,
        ":at": now.toISOString(),
      },
    });
  }

  /**
   * Leaves a sign-up waiting for its confirmation, conditionally on the status read. An address that
   * had unsubscribed starts over at pending with a new token generation (every link it was sent
   * before stops working); an active or pending one keeps its status and preferences until the
   * owner clicks. Returns the subscriber as it now is, or undefined if the status moved meanwhile.
   */
  async stagePending(
    subscriber: Subscriber,
    pending: PendingSignUp,
    now = new Date(),
  ): Promise<Subscriber | undefined> {
    const restart = subscriber.status === "unsubscribed";
    const sets = ["pendingId = :id", "pendingSince = :at"];
    const removes: string[] = [];
    const values: Record<string, unknown> = {
      ":id": pending.pendingId,
      ":at": now.toISOString(),
      ":from": subscriber.status,
    };
    if (pending.preferences) {
      sets.push("pendingPreferences = :p");
      values[":p"] = pending.preferences;
    } else removes.push("pendingPreferences");
    if (pending.name) {
      sets.push("pendingName = :n");
      values[":n"] = pending.name;
    } else removes.push("pendingName");
    if (restart) {
      sets.push("#s = :pending", "statusReason = :r", "statusChangedAt = :at", "tokenGeneration = :g");
      Object.assign(values, {
        ":pending": "pending",
        ":r": "signed-up-again",
        ":g": generationOf(subscriber) + 1,
      });
    }
    try {
      const result = await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { subscriberId: subscriber.subscriberId },
          UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
          ConditionExpression: "#s = :from",
          ExpressionAttributeNames: { "#s": "status" },
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      return result.Attributes as Subscriber;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return undefined;
      throw error;
    }
  }

  /**
   * The owner's click on the confirmation link `pendingId`, signed in token `generation`: a
   * pending subscriber becomes active, and preferences left pending by a sign-up are applied. Only
   * the latest confirmation link of the current generation does anything.
   */
  async confirm(
    subscriberId: string,
    generation: number,
    pendingId: string,
    now = new Date(),
  ): Promise<ConfirmOutcome> {
    const current = await this.get(subscriberId);
    if (
      !current ||
      current.pendingId !== pendingId ||
      generationOf(current) !== generation ||
      (current.status !== "pending" && current.status !== "active")
    ) {
      return "stale";
    }
    const sets: string[] = [];
    const names: Record<string, string> = { "#s": "status" };
    const values: Record<string, unknown> = {
      ":id": pendingId,
      ":from": current.status,
      ":g": generation,
    };
    if (current.status === "pending") {
      sets.push("#s = :active", "statusReason = :r", "statusChangedAt = :at", "confirmedAt = :at");
      Object.assign(values, { ":active": "active", ":r": "confirmed", ":at": now.toISOString() });
    }
    const next = current.pendingPreferences;
    if (next) {
      // Several of these names are DynamoDB reserved words (timeZone…): always go through aliases.
      Object.assign(names, {
        "#i": "interests",
        "#f": "frequency",
        "#tz": "timeZone",
        "#h": "sendHour",
        "#c": "credentials",
      });
      sets.push("#i = :i", "#f = :f", "#tz = :tz", "#h = :h", "#c = :c");
      Object.assign(values, {
        ":i": next.interests,
        ":f": next.frequency,
        ":tz": next.timeZone,
        ":h": next.sendHour,
        ":c": next.credentials,
      });
    }
    if (current.pendingName) {
      sets.push("#n = :n");
      names["#n"] = "name";
      values[":n"] = current.pendingName;
    }
    const applied = await this.conditionalUpdate({
      Key: { subscriberId },
      UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(", ")} ` : ""}REMOVE ${PENDING_ATTRIBUTES}`,
      ConditionExpression: `pendingId = :id AND #s = :from AND ${generationCondition(generation)}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
    if (!applied) return "stale";
    return current.status === "pending" ? "confirmed" : "applied";
  }

  /**
   * Unsubscribes, and moves the token generation on so that no link sent before (confirmation,
   * preferences, CEU log, the digest page) works again; a sign-up later starts over. False when
   * the subscriber was not pending or active (already unsubscribed, suppressed, gone).
   */
  async unsubscribe(subscriberId: string, reason: string, now = new Date()): Promise<boolean> {
    const current = await this.get(subscriberId);
    if (!current || (current.status !== "pending" && current.status !== "active")) return false;
    return this.conditionalUpdate({
      Key: { subscriberId },
      UpdateExpression: `SET #s = :to, statusReason = :r, statusChangedAt = :at, tokenGeneration = :next REMOVE ${PENDING_ATTRIBUTES}`,
      ConditionExpression: `#s = :from AND ${generationCondition(generationOf(current))}`,
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: {
        ":to": "unsubscribed",
        ":from": current.status,
        ":r": reason,
        ":at": now.toISOString(),
        ":g": generationOf(current),
        ":next": generationOf(current) + 1,
      },
    });
  }

  async updatePreferences(subscriberId: string, preferences: Preferences): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { subscriberId },
        UpdateExpression: "SET #i = :i, #f = :f, #tz = :tz, #h = :h, #c = :c",
        // Several of these names are DynamoDB reserved words (timeZone…): always go through aliases.
        ExpressionAttributeNames: {
          "#i": "interests",
          "#f": "frequency",
          "#tz": "timeZone",
          "#h": "sendHour",
          "#c": "credentials",
        },
        ConditionExpression: "attribute_exists(subscriberId)",
        ExpressionAttributeValues: {
          ":i": preferences.interests,
          ":f": preferences.frequency,
          ":tz": preferences.timeZone,
          ":h": preferences.sendHour,
          ":c": preferences.credentials,
        },
      }),
    );
  }

  /** Moves the digest window forward; never backwards (a late retry of an older period). */
  async markDigested(subscriberId: string, through: string): Promise<void> {
    await this.conditionalUpdate({
      Key: { subscriberId },
      UpdateExpression: "SET lastDigestAt = :t",
      ConditionExpression: "attribute_not_exists(lastDigestAt) OR lastDigestAt < :t",
      ExpressionAttributeValues: { ":t": through },
    });
  }

  async remove(subscriberId: string): Promise<void> {
    await this.dynamo.send(new DeleteCommand({ TableName: this.table, Key: { subscriberId } }));
  }

  private async conditionalUpdate(
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], "TableName">,
  ): Promise<boolean> {
    try {
      await this.dynamo.send(new UpdateCommand({ TableName: this.table, ...update }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }
}

/** The token generation a subscriber's links are signed in (0 before generations existed). */
export function generationOf(subscriber: Pick<Subscriber, "tokenGeneration">): number {
  return subscriber.tokenGeneration ?? 0;
}

function generationCondition(generation: number): string {
  return generation === 0
    ? "(attribute_not_exists(tokenGeneration) OR tokenGeneration = :g)"
    : "tokenGeneration = :g";
}
