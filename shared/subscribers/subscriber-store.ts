import { randomUUID } from "node:crypto";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { CeuEntry } from "../ceu/ceu-entry.js";
import { emailHash, normalizeEmail } from "./email-address.js";
import type { NewSubscriber, Preferences, Subscriber, SubscriberStatus } from "./subscriber.js";
import { newSubscriberSchema } from "./subscriber.js";
import { canMoveTo } from "./subscriber-status.js";

export class SubscriberExistsError extends Error {
  constructor(readonly subscriberId: string) {
    super("this address is already subscribed");
    this.name = "SubscriberExistsError";
  }
}

/** The subscribers table. Emails are stored normalized and found by their sha256 (`byEmailHash`). */
export class SubscriberStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * A new subscriber, pending until the address is confirmed. An address that unsubscribed
   * earlier starts over at pending with the new preferences; any other existing address is an error.
   */
  async add(input: NewSubscriber, now = new Date()): Promise<Subscriber> {
    const parsed = newSubscriberSchema.parse(input);
    const email = normalizeEmail(parsed.email);
    const existing = await this.findByEmail(email);
    if (existing && existing.status !== "unsubscribed")
      throw new SubscriberExistsError(existing.subscriberId);
    const { email: _raw, name, ...preferences } = parsed;
    const subscriber: Subscriber = {
      ...preferences,
      subscriberId: existing?.subscriberId ?? `sub_${randomUUID()}`,
      email,
      emailHash: emailHash(email),
      ...(name ? { name } : {}),
      status: "pending",
      createdAt: existing?.createdAt ?? now.toISOString(),
      statusChangedAt: now.toISOString(),
      ceus: existing?.ceus ?? [],
    };
    await this.dynamo.send(new PutCommand({ TableName: this.table, Item: subscriber }));
    return subscriber;
  }

  async get(subscriberId: string): Promise<Subscriber | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { subscriberId }, ConsistentRead: true }),
    );
    return result.Item as Subscriber | undefined;
  }

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
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
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
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
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

  async logCeus(subscriberId: string, entry: CeuEntry): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { subscriberId },
        UpdateExpression: "SET ceus = list_append(if_not_exists(ceus, :empty), :entry)",
        ConditionExpression: "attribute_exists(subscriberId)",
        ExpressionAttributeValues: { ":entry": [entry], ":empty": [] },
      }),
    );
  }

  /** Moves the digest window forward; never backwards (a late retry of an older period). */
  async markDigested(subscriberId: string, through: string): Promise<void> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { subscriberId },
          UpdateExpression: "SET lastDigestAt = :t",
          ConditionExpression: "attribute_not_exists(lastDigestAt) OR lastDigestAt < :t",
          ExpressionAttributeValues: { ":t": through },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
    }
  }

  async remove(subscriberId: string): Promise<void> {
    await this.dynamo.send(new DeleteCommand({ TableName: this.table, Key: { subscriberId } }));
  }
}
