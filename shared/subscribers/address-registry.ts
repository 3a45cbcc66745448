import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";

/** How long a claim may point at a subscriber not written yet before another sign-up may take it over. */
export const UNFINISHED_CLAIM_MS = 5 * 60_000;

export interface AddressOwner {
  readonly subscriberId: string;
  /** ISO time the address was claimed. */
  readonly claimedAt: string;
}

/**
 * The addresses table: which subscriber an address (by its sha256) belongs to. The first sign-up
 * for an address claims it with a conditional write; every other one, however close behind, reads
 * the owner instead of creating a second subscriber.
 */
export class AddressRegistry {
  constructor(
    private readonly dynamo: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The address's owner: `subscriberId` when this call claimed it, the earlier owner otherwise. */
  async claim(emailHash: string, subscriberId: string, now = new Date()): Promise<AddressOwner> {
    const claimedAt = now.toISOString();
    try {
      await this.dynamo.send(
        new PutCommand({
          TableName: this.table,
          Item: { emailHash, subscriberId, claimedAt },
          ConditionExpression: "attribute_not_exists(emailHash)",
        }),
      );
      return { subscriberId, claimedAt };
    } catch (error) {
      if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
    }
    const owner = await this.owner(emailHash);
    // Deleted between the two calls (an operator removing the subscriber): claim again.
    return owner ?? this.claim(emailHash, subscriberId, now);
  }

  async owner(emailHash: string): Promise<AddressOwner | undefined> {
    const result = await this.dynamo.send(
      new GetCommand({ TableName: this.table, Key: { emailHash }, ConsistentRead: true }),
    );
    return result.Item as AddressOwner | undefined;
  }

  /**
   * Moves a claim whose subscriber was never written (the sign-up that claimed it died in between)
   * to a new subscriber id, conditionally on the claim still being that one. False if someone else
   * moved it first.
   */
  async takeOver(
    emailHash: string,
    from: AddressOwner,
    subscriberId: string,
    now = new Date(),
  ): Promise<boolean> {
    try {
      await this.dynamo.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { emailHash },
          UpdateExpression: "SET subscriberId = :to, claimedAt = :at",
          ConditionExpression: "subscriberId = :from AND claimedAt = :was",
          ExpressionAttributeValues: {
            ":to": subscriberId,
            ":at": now.toISOString(),
            ":from": from.subscriberId,
            ":was": from.claimedAt,
          },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw error;
    }
  }

  /** Forgets the address (its subscriber was deleted). */
  async release(emailHash: string): Promise<void> {
    await this.dynamo.send(new DeleteCommand({ TableName: this.table, Key: { emailHash } }));
  }
}
