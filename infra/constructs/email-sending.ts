import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { Effect, type IRole, PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Key } from "aws-cdk-lib/aws-kms";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { LambdaSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import type { Setting } from "#shared/config/environment.js";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { CodecurrentFunction } from "./codecurrent-function.js";
import type { SubscriberTables } from "./subscriber-tables.js";
import { grantItems } from "./table-grants.js";

export interface EmailSendingProps {
  readonly config: CodecurrentConfig;
  /** The SES identity every email comes from (verified in SES; infra/README.md, section 5). */
  readonly senderAddress: string;
  /** Emails per second one sending function may use (its share of the account's SES rate). */
  readonly maxSendRate: number;
  readonly tables: SubscriberTables;
}

/**
 * Email through SES: the configuration set every message goes through (TLS required, reputation
 * metrics, SES's account suppression list), its bounce and complaint events published to an
 * encrypted SNS topic, and the function that suppresses those addresses. `grantSend` lets another
 * function send from the sender identity, through the configuration set only.
 */
export class EmailSending extends Construct {
  readonly senderAddress: string;
  readonly configurationSet: ConfigurationSet;
  readonly sesEventsTopic: Topic;
  readonly suppressionFunction: NodejsFunction;
  /** What a sending function reads: the identity, the configuration set, its rate. */
  readonly settings: Readonly<Partial<Record<Setting, string | number>>>;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    const { config, tables } = props;
    this.senderAddress = props.senderAddress;

    // SES publishes to an encrypted topic, so the key must let SES use it.
    const key = new Key(this, "SesEventsKey", {
      description: "codecurrent: encrypts SES bounce and complaint events",
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new ServicePrincipal("ses.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
    this.sesEventsTopic = new Topic(this, "SesEventsTopic", { masterKey: key, enforceSSL: true });
    this.configurationSet = new ConfigurationSet(this, "ConfigurationSet", {
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      // SES's account-level list as well: an address that bounced is not even attempted again.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination("BouncesAndComplaints", {
      destination: EventDestination.snsTopic(this.sesEventsTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.settings = {
      senderAddress: props.senderAddress,
      sesConfigurationSet: this.configurationSet.configurationSetName,
      maxSendRate: props.maxSendRate,
    };

    const suppression = new CodecurrentFunction(this, "SesEvents", {
      config,
      entry: "ses-events.ts",
      description: "Suppresses bounced and complaining addresses",
      roleDescription: "find a subscriber by address hash and suppress them, own logs",
      service: "digests",
      memorySize: 512,
      timeout: Duration.seconds(30),
      settings: { subscribersTable: tables.subscribers.tableName },
    });
    this.suppressionFunction = suppression.function;
    grantItems(suppression.role, tables.subscribers, ["dynamodb:Query"], "byEmailHash");
    grantItems(suppression.role, tables.subscribers, ["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    this.sesEventsTopic.addSubscription(new LambdaSubscription(this.suppressionFunction));
  }

  /**
   * SendRawEmail from the sender identity (the address, or its domain if that is what SES verified),
   * through the configuration set only; with `recipients`, to those addresses only (the collector
   * mails the operators and nobody else).
   */
  grantSend(role: IRole, recipients?: readonly string[]): void {
    const stack = Stack.of(this);
    const domain = this.senderAddress.split("@")[1] ?? this.senderAddress;
    const identity = (name: string) =>
      stack.formatArn({ service: "ses", resource: "identity", resourceName: name });
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["ses:SendRawEmail"],
        resources: [
          identity(this.senderAddress),
          identity(domain),
          stack.formatArn({
            service: "ses",
            resource: "configuration-set",
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: {
          StringEquals: { "ses:FromAddress": this.senderAddress },
          ...(recipients ? { "ForAllValues:StringEquals": { "ses:Recipients": [...recipients] } } : {}),
        },
      }),
    );
  }
}
