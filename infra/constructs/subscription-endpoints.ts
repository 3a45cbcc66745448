import { Duration } from "aws-cdk-lib";
import {
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  type ThrottleSettings,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { Role } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { LogGroup } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import type { Api } from "./api.js";
import { CodecurrentFunction } from "./codecurrent-function.js";
import type { SubscriberMail } from "./subscriber-mail.js";
import { grantItems } from "./table-grants.js";

/** A DynamoDB write and at most one SES send (retried on throttling), well inside API Gateway's 30 s. */
export const SUBSCRIPTION_TIMEOUT = Duration.seconds(15);
export const SUBSCRIPTION_MEMORY_MB = 512;
/**
 * Anyone can call these routes, and API Gateway's limits are shared by every caller, not per
 * client. Sign-up sends a confirmation email per request, so it is held lowest: a flood cannot
 * mail-bomb addresses or spend the SES quota the digests need. The token links (confirm,
 * preferences, unsubscribe, CEUs) get more room, for the unsubscribes a digest run can bring;
 * together they stay under the stage's API_RATE_LIMIT so the review routes keep theirs.
 */
export const SIGN_UP_THROTTLE: Required<ThrottleSettings> = { rateLimit: 2, burstLimit: 10 };
export const SUBSCRIPTION_LINK_THROTTLE: Required<ThrottleSettings> = { rateLimit: 20, burstLimit: 40 };

export interface SubscriptionEndpointsProps {
  readonly config: CodecurrentConfig;
  /** The review API: these routes join its HTTP API, the base URL every email link is built on. */
  readonly api: Api;
  /** Subscribers, SES and the token secret; exists only when a sender address is configured. */
  readonly mail: SubscriberMail;
}

/**
 * The public, token-protected subscription endpoints behind every email link
 * (shared/subscriptions/): their own function, with exactly what they do (subscribers items, the
 * token secret, sending the confirmation email from the sender identity),
 * on `/subscriptions` and `/subscriptions/{proxy+}` of the review API without its authorizer, and
 * throttled per route.
 */
export class SubscriptionEndpoints extends Construct {
  readonly subscriptionFunction: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  /** `POST /subscriptions` (sign-up). */
  readonly signUpRoutes: HttpRoute[];
  /** `GET|POST|PUT /subscriptions/{proxy+}` (the token links). */
  readonly linkRoutes: HttpRoute[];

  constructor(scope: Construct, id: string, props: SubscriptionEndpointsProps) {
    super(scope, id);
    const { config, api, mail } = props;

    const handler = new CodecurrentFunction(this, "Handler", {
      config,
      entry: "subscriptions.ts",
      description: "subscriptions: sign-up, confirm, preferences, unsubscribe, CEUs (token links)",
      roleDescription: "subscribers items, the token secret, the confirmation email, own logs",
      service: "subscriptions",
      memorySize: SUBSCRIPTION_MEMORY_MB,
      timeout: SUBSCRIPTION_TIMEOUT,
      settings: mail.settings,
    });
    this.subscriptionFunction = handler.function;
    this.logGroup = handler.logGroup;
    this.role = handler.role;
    const { subscribers } = mail.tables;
    grantItems(this.role, subscribers, ["dynamodb:Query"], "byEmailHash");
    grantItems(this.role, subscribers, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]);
    mail.grantMail(this.role);

    // No authorizer: the people following these links have no accounts. Each request carries a
    // signed, purpose-bound token that the function verifies (sign-up needs none: it only ever
    // sends a confirmation link to the address given).
    const integration = new HttpLambdaIntegration("Subscriptions", this.subscriptionFunction);
    const open = new HttpNoneAuthorizer();
    this.signUpRoutes = api.httpApi.addRoutes({
      path: "/subscriptions",
      methods: [HttpMethod.POST],
      integration,
      authorizer: open,
    });
    // PUT too: preferences are replaced with PUT (or POST); the handler answers 405 for the rest.
    this.linkRoutes = api.httpApi.addRoutes({
      path: "/subscriptions/{proxy+}",
      methods: [HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT],
      integration,
      authorizer: open,
    });
    api.throttleRoutes(this.signUpRoutes, SIGN_UP_THROTTLE);
    api.throttleRoutes(this.linkRoutes, SUBSCRIPTION_LINK_THROTTLE);
    for (const route of [...this.signUpRoutes, ...this.linkRoutes]) {
      NagSuppressions.addResourceSuppressions(route, [
        {
          id: "AwsSolutions-APIG4",
          reason:
            "Subscription endpoints (sign-up, confirm, preferences, unsubscribe, one-click List-Unsubscribe POST, CEUs) are reached from email links by people without accounts; each token route verifies the signed token it carries, and the routes are throttled.",
        },
      ]);
    }
  }
}
