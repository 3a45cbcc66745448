import type { IRole } from "aws-cdk-lib/aws-iam";
import type { Setting } from "#shared/config/environment.js";
import type { EmailSending } from "./email-sending.js";
import type { SubscriberTables } from "./subscriber-tables.js";
import type { TokenSecretParameter } from "./token-secret-parameter.js";

/**
 * What every function that emails subscribers shares: the subscriber tables, SES, the token
 * secret its links are signed with, and the address those links point at. The digests, the CEU
 * reminders and the subscription endpoints each take it and add their own table grants.
 */
export class SubscriberMail {
  constructor(
    readonly tables: SubscriberTables,
    readonly email: EmailSending,
    readonly tokenSecret: TokenSecretParameter,
    /** Base URL the /subscriptions pages are served under (the pages' REST API stage): every link in every email. */
    readonly publicBaseUrl: string,
  ) {}

  /** The settings such a function reads (shared/config/environment.ts names). */
  get settings(): Partial<Record<Setting, string | number>> {
    return {
      subscribersTable: this.tables.subscribers.tableName,
      // Digests and reminders show each reader's CEU standing from their CEU log.
      ceusTable: this.tables.ceus.tableName,
      publicBaseUrl: this.publicBaseUrl,
      tokenSecretParameter: this.tokenSecret.name,
      ...this.email.settings,
    };
  }

  /** Sending from the sender identity, and reading the token secret to sign links. */
  grantMail(role: IRole): void {
    this.email.grantSend(role);
    this.tokenSecret.grantRead(role);
  }
}
