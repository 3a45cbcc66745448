import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

/** Deliveries are kept long enough to cover every retry and re-run of a period, then expire. */
const KEEP_DAYS = 400;

export type DeliveryKind = "digest" | "ceu-reminder" | "confirmation" | "links";

/**
 * The deliveries table: one item per (subscriber, email due). `claim` is a conditional write made
 * before sending; whoever wins it sends, everyone else (a Lambda retry, a second `npm start`, a
 * duplicate SQS message) finds it and sends nothing.
 */
export class DeliveryStore {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** True when this caller now owns the delivery; false when it was claimed before. */
  async claim(
    subscriberId: string,
    deliveryKey: string,
    kind: DeliveryKind,
    now = new Date(),
  ): Promise<boolean> {
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            subscriberId,
            deliveryKey,
            kind,
            status: "sending",
            claimedAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400,
          },
          ConditionExpression: "attribute_not_exists(subscriberId)",
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  async markSent(
    subscriberId: string,
    deliveryKey: string,
    messageId: string,
    changes: number,
  ): Promise<void> {
    await this.dynamo.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { subscriberId, deliveryKey },
        UpdateExpression: "SET #s = :sent, messageId = :m, sentAt = :at, changeCount = :c",
        ExpressionAttributeNames: { "#s": "status" },
        ExpressionAttributeValues: {
          ":sent": "sent",
          ":m": messageId,
          ":at": new Date().toISOString(),
          ":c": changes,
        },
      }),
    );
  }

  /**
   * Gives a claim back after SES refused the message (throttled past every retry, a transient
   * outage): nothing was sent, so the queue's retry may send it. A crash between claim and send
   * leaves the claim: the email is then skipped rather than risked twice.
   */
  async release(subscriberId: string, deliveryKey: string): Promise<void> {
    await this.dynamo.send(new DeleteCommand({ TableName: this.table, Key: { subscriberId, deliveryKey } }));
  }
}
