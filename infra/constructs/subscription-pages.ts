import { Aws, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type RequestValidator,
  RestApi,
} from "aws-cdk-lib/aws-apigateway";
import type { Role } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { CfnWebACL, CfnWebACLAssociation } from "aws-cdk-lib/aws-wafv2";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import type { ChangeLog } from "./change-log.js";
import { CodecurrentFunction } from "./codecurrent-function.js";
import type { SubscriberMail } from "./subscriber-mail.js";
import { grantItems } from "./table-grants.js";

/** A page render, a DynamoDB read or write and an SQS send, well inside API Gateway's 29 s. */
export const PAGES_TIMEOUT = Duration.seconds(15);
export const PAGES_MEMORY_MB = 512;
/** The stage every link is under: `https://<api>.execute-api.<region>.amazonaws.com/<stage>/subscriptions/…`. */
export const PAGES_STAGE = "pages";
/**
 * The stage's limits across all callers (API Gateway's own, not per client): room for the
 * unsubscribes and page views a digest run brings, below the account's regional quota.
 */
export const PAGES_THROTTLE = { rateLimit: 25, burstLimit: 50 } as const;
/**
 * WAF rate rules, per client IP and 5-minute window. A person signs up or asks for a fresh link a
 * few times at most; a script trying to mail-bomb an address (or spend the SES quota digests need)
 * is blocked at the 21st form post in five minutes. Reading pages gets far more room (a CEU log
 * paged through, a digest's groups opened one by one).
 */
export const SIGN_UP_POSTS_PER_5_MINUTES = 20;
export const PAGE_REQUESTS_PER_5_MINUTES = 600;

export interface SubscriptionPagesProps {
  readonly config: CodecurrentConfig;
}

export interface ServeProps {
  readonly mail: SubscriberMail;
  readonly changeLog: ChangeLog;
  /** Where the sign-up and fresh-link forms leave their requests for the sign-up worker. */
  readonly signUpQueue: Queue;
}

/**
 * The public subscription pages (shared/subscriptions/): a regional REST API stage behind an AWS
 * WAF web ACL with rate rules per client IP, and the function that renders the pages. A REST API,
 * not a route of the review's HTTP API: WAF web ACLs attach to REST API stages (and CloudFront,
 * ALB, AppSync…) but not to HTTP APIs, and the pages must not be reachable by a path the web ACL
 * does not watch. Built in two steps: the API first (its address goes into every email's links,
 * which the digest and reminder functions need), then `serve` with the function.
 */
export class SubscriptionPages extends Construct {
  readonly restApi: RestApi;
  readonly webAcl: CfnWebACL;
  readonly accessLogs: LogGroup;
  /** `https://…/pages`: what every link is built on (CODECURRENT_PUBLIC_URL). */
  readonly publicBaseUrl: string;
  pagesFunction?: NodejsFunction;
  logGroup?: LogGroup;
  role?: Role;
  private readonly config: CodecurrentConfig;
  private readonly validator: RequestValidator;

  constructor(scope: Construct, id: string, props: SubscriptionPagesProps) {
    super(scope, id);
    const { config } = props;
    this.config = config;
    const prod = config.stage === "prod";
    this.accessLogs = new LogGroup(this, "AccessLogs", {
      retention: config.logRetentionDays,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.restApi = new RestApi(this, "Api", {
      restApiName: `${Stack.of(this).stackName}-subscription-pages`,
      description:
        "codecurrent subscription pages: sign-up, confirm, preferences, CEU log, unsubscribe, digest",
      endpointTypes: [EndpointType.REGIONAL],
      // The preferences form uploads a watchlist CSV as multipart/form-data: passed on as bytes.
      binaryMediaTypes: ["multipart/form-data"],
      cloudWatchRole: false,
      deployOptions: {
        stageName: PAGES_STAGE,
        throttlingRateLimit: PAGES_THROTTLE.rateLimit,
        throttlingBurstLimit: PAGES_THROTTLE.burstLimit,
        loggingLevel: MethodLoggingLevel.OFF,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        // No query string, body or headers: links carry tokens, forms carry addresses.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            requestTime: "$context.requestTime",
            method: "$context.httpMethod",
            path: "$context.resourcePath",
            status: "$context.status",
            responseLength: "$context.responseLength",
            latencyMs: "$context.responseLatency",
            wafStatus: "$context.waf.status",
            error: "$context.error.message",
          }),
        ),
      },
    });
    this.validator = this.restApi.addRequestValidator("Validator", {
      validateRequestParameters: true,
      // Only bodies with a declared model are checked, and the pages declare none: they read their own forms.
      validateRequestBody: true,
    });
    // Built from the API's id, not its stage resource: the functions whose links point here may be
    // created before the stage (whose deployment depends on the pages' function).
    this.publicBaseUrl = `https://${this.restApi.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}/${PAGES_STAGE}`;

    this.webAcl = new CfnWebACL(this, "WebAcl", {
      name: `${Stack.of(this).stackName}-subscription-pages`,
      description: "codecurrent subscription pages: per-IP rate limits, known bad inputs, IP reputation",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: visibility("subscription-pages"),
      rules: [
        {
          name: "SignUpPostsPerIp",
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: SIGN_UP_POSTS_PER_5_MINUTES,
              evaluationWindowSec: 300,
              aggregateKeyType: "IP",
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: "EXACTLY",
                        searchString: "POST",
                        textTransformations: [{ priority: 0, type: "NONE" }],
                      },
                    },
                    {
                      // Whatever comes before (the stage, or a custom domain's base path).
                      orStatement: {
                        statements: [endsWith("/subscriptions"), endsWith("/subscriptions/new-link")],
                      },
                    },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility("sign-up-posts-per-ip"),
        },
        {
          name: "PageRequestsPerIp",
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: PAGE_REQUESTS_PER_5_MINUTES,
              evaluationWindowSec: 300,
              aggregateKeyType: "IP",
            },
          },
          visibilityConfig: visibility("page-requests-per-ip"),
        },
        managedRules("AWSManagedRulesAmazonIpReputationList", 2),
        managedRules("AWSManagedRulesKnownBadInputsRuleSet", 3),
      ],
    });
    new CfnWebACLAssociation(this, "WebAclAssociation", {
      resourceArn: this.restApi.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }

  /**
   * The pages' function on `/subscriptions` and `/subscriptions/{proxy+}` (every method: the pages
   * answer their own 405s), with exactly what it does: subscribers' items (confirm, unsubscribe,
   * preferences), their CEU log, the change log by day (the digest page), the token secret, and
   * putting sign-up requests on the queue. It sends no email: the sign-up worker does.
   */
  serve(props: ServeProps): NodejsFunction {
    const { mail, changeLog, signUpQueue } = props;
    const handler = new CodecurrentFunction(this, "Handler", {
      config: this.config,
      entry: "subscriptions.ts",
      description: "subscription pages: sign-up, confirm, preferences, CEU log, unsubscribe, digest page",
      roleDescription:
        "subscribers and CEU log items, changes by day, queue sign-ups, the token secret, own logs",
      service: "subscriptions",
      memorySize: PAGES_MEMORY_MB,
      timeout: PAGES_TIMEOUT,
      settings: {
        ...mail.settings,
        changesTable: changeLog.changes.tableName,
        sourcesTable: changeLog.sources.tableName,
        signUpQueueUrl: signUpQueue.queueUrl,
      },
    });
    this.pagesFunction = handler.function;
    this.logGroup = handler.logGroup;
    this.role = handler.role;
    const { subscribers, ceus } = mail.tables;
    grantItems(handler.role, subscribers, ["dynamodb:GetItem", "dynamodb:UpdateItem"]);
    grantItems(handler.role, ceus, ["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"]);
    grantItems(handler.role, changeLog.changes, ["dynamodb:Query"], "byDetectedDay");
    // The digest page shows changes of complete releases only: it reads each release's status.
    grantItems(handler.role, changeLog.sources, ["dynamodb:GetItem"]);
    signUpQueue.grantSendMessages(handler.role);
    mail.tokenSecret.grantRead(handler.role);

    // No authorizer: the people following these links have no accounts. Each page behind a link
    // verifies the signed token it carries; sign-up only ever queues a confirmation to the address given.
    const integration = new LambdaIntegration(this.pagesFunction, { proxy: true });
    const options = { requestValidator: this.validator };
    const root = this.restApi.root.addResource("subscriptions");
    root.addMethod("ANY", integration, options);
    root.addResource("{proxy+}").addMethod("ANY", integration, options);
    NagSuppressions.addResourceSuppressions(
      this.restApi,
      [
        {
          id: "AwsSolutions-APIG4",
          reason:
            "Public subscription pages reached from email links by people without accounts: every page behind a link verifies the signed, purpose-bound token it carries; sign-up needs none and only queues a confirmation. The stage is throttled and behind a WAF web ACL with per-IP rate rules.",
        },
        {
          id: "AwsSolutions-COG4",
          reason:
            "No Cognito user pool authorizer: subscribers have no accounts (see AwsSolutions-APIG4); reviewers sign in to the review API, not these pages.",
        },
        {
          id: "AwsSolutions-APIG6",
          reason:
            "Execution logging needs the account-wide API Gateway CloudWatch role, which this stack does not own; the stage writes access logs (no query strings: links carry tokens) and the function logs every failure.",
        },
      ],
      true,
    );
    return this.pagesFunction;
  }
}

function endsWith(path: string) {
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: "ENDS_WITH",
      searchString: path,
      textTransformations: [{ priority: 0, type: "LOWERCASE" }],
    },
  };
}

function managedRules(name: string, priority: number): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
    visibilityConfig: visibility(name),
  };
}

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return {
    cloudWatchMetricsEnabled: true,
    metricName: `codecurrent-${metricName}`,
    sampledRequestsEnabled: true,
  };
}
