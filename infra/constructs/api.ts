import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  type CfnRoute,
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import {
  AccountRecovery,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
} from "aws-cdk-lib/aws-cognito";
import { Effect, PolicyStatement, type Role } from "aws-cdk-lib/aws-iam";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import type { ChangeLog } from "./change-log.js";
import { CodecurrentFunction } from "./codecurrent-function.js";

/** A page of 500 changes, or an export of up to 50,000 read and gzipped, inside API Gateway's 30 s. */
export const API_TIMEOUT = Duration.seconds(29);
export const API_MEMORY_MB = 1024;
/** Requests per second across the API; a review team is a handful of people. */
export const API_RATE_LIMIT = 50;
export const API_BURST_LIMIT = 100;

export interface ApiProps {
  readonly config: CodecurrentConfig;
  readonly changeLog: ChangeLog;
  /** The web page's address (`https://…/`): the only CORS origin and the Cognito callback. */
  readonly webUrl: string;
}

/**
 * The review API: an HTTP API whose review routes need a Cognito reviewer (JWT authorizer on
 * the user pool below), served by one read-only Lambda function. The public subscription routes
 * join the same API from SubscriptionEndpoints, with their own function.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly apiFunction: NodejsFunction;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly userPoolDomain: UserPoolDomain;
  readonly accessLogs: LogGroup;
  readonly logGroup: LogGroup;
  readonly stage: HttpStage;
  private readonly routeSettings: Record<
    string,
    { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number }
  > = {};

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { config, changeLog } = props;
    const prod = config.stage === "prod";
    const retention = {
      retention: config.logRetentionDays,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    };

    // Reviewers are invited by an administrator (no self sign-up) and sign in with MFA: the
    // change log is not secret, but who may speak for the compliance record is.
    this.userPool = new UserPool(this, "Reviewers", {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    NagSuppressions.addResourceSuppressions(this.userPool, [
      {
        id: "AwsSolutions-COG8",
        reason:
          "The Plus feature plan (threat protection) is priced per active user; reviewers are a few invited accounts with MFA required. Move to featurePlan PLUS where policy asks for it.",
      },
      {
        id: "AwsSolutions-COG3",
        reason:
          "Threat protection (the Plus feature plan) is priced per active user; reviewers are a few invited accounts with MFA required. Turn it on with featurePlan PLUS where policy asks for it.",
      },
    ]);
    this.userPoolDomain = this.userPool.addDomain("HostedUi", {
      // Cognito domain prefixes are global per region: the stack name and account keep it unique.
      cognitoDomain: { domainPrefix: `${Stack.of(this).stackName.toLowerCase()}-${Stack.of(this).account}` },
    });
    this.userPoolClient = this.userPool.addClient("WebPage", {
      // A browser page cannot keep a secret: authorization code flow with PKCE, public client.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [props.webUrl],
        logoutUrls: [props.webUrl],
      },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    const handler = new CodecurrentFunction(this, "Handler", {
      config,
      entry: "api.ts",
      description: "review API: change log, code history, exports, source health, evidence links",
      roleDescription: "read the change log tables and the evidence archive, write its own logs",
      service: "api",
      memorySize: API_MEMORY_MB,
      timeout: API_TIMEOUT,
      settings: {
        changesTable: changeLog.changes.tableName,
        sourcesTable: changeLog.sources.tableName,
        runsTable: changeLog.runs.tableName,
        archiveBucket: changeLog.archive.bucket.bucketName,
        // Signs page cursors alike in every container: unique to the deployment, never shown to a client.
        cursorKey: Stack.of(this).stackId,
      },
    });
    this.apiFunction = handler.function;
    this.logGroup = handler.logGroup;
    const role = handler.role;
    this.grantReadOnly(role, changeLog);
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Queries run on the change log tables' own global secondary indexes (bySource, byCode, bySystemCode, ...): the index ARNs are table-ARN/index/*, scoped to these tables.",
          appliesTo: [{ regex: "/^Resource::<.*Table[A-F0-9]+\\.Arn>\\/index\\/\\*$/g" }],
        },
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Evidence objects are keyed by source and sha256, named by each change: read access is bucket-ARN/*, scoped to the evidence archive bucket, and read-only.",
          appliesTo: [{ regex: "/^Resource::<.*ArchiveBucket[A-F0-9]+\\.Arn>\\/\\*$/g" }],
        },
      ],
      true,
    );

    this.httpApi = new HttpApi(this, "HttpApi", {
      description: "codecurrent review API",
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webUrl.replace(/\/$/, "")],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
        allowHeaders: ["authorization", "content-type"],
        exposeHeaders: ["content-disposition"],
        maxAge: Duration.hours(1),
      },
    });
    this.accessLogs = new LogGroup(this, "AccessLogs", retention);
    this.stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.httpApi,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: API_RATE_LIMIT, burstLimit: API_BURST_LIMIT },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // No Authorization header or query string: both may carry tokens.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            ip: "$context.identity.sourceIp",
            requestTime: "$context.requestTime",
            method: "$context.httpMethod",
            routeKey: "$context.routeKey",
            path: "$context.path",
            status: "$context.status",
            responseLength: "$context.responseLength",
            latencyMs: "$context.responseLatency",
            subject: "$context.authorizer.claims.sub",
            error: "$context.error.message",
            authorizerError: "$context.authorizer.error",
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration("Function", this.apiFunction);
    const reviewer = new HttpUserPoolAuthorizer("Reviewers", this.userPool, {
      userPoolClients: [this.userPoolClient],
    });
    // Every review route is a read: GET only, behind the Cognito authorizer.
    this.httpApi.addRoutes({
      path: "/{proxy+}",
      methods: [HttpMethod.GET],
      integration,
      authorizer: reviewer,
    });
    // Subscription links in emails are public routes of this same API, served by a function of
    // their own with write grants (subscription-endpoints.ts), mounted once digests can send.
  }

  /**
   * Per-route throttling on the `$default` stage, for routes anyone can call. API Gateway checks
   * these keys against the API's routes when the stage deploys, so the stage waits for the routes.
   */
  throttleRoutes(routes: readonly HttpRoute[], throttle: ThrottleSettings): void {
    const stage = this.stage.node.defaultChild as CfnStage;
    for (const route of routes) {
      this.routeSettings[(route.node.defaultChild as CfnRoute).routeKey] = {
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      };
      stage.node.addDependency(route);
    }
    stage.routeSettings = { ...this.routeSettings };
  }

  /** Read-only: items of the change log tables and objects of the archive. No writes, no Scan. */
  private grantReadOnly(role: Role, changeLog: ChangeLog): void {
    const tables = [changeLog.changes, changeLog.sources, changeLog.runs];
    role.addToPolicy(
      new PolicyStatement({
        sid: "ChangeLogRead",
        effect: Effect.ALLOW,
        actions: ["dynamodb:GetItem", "dynamodb:Query"],
        resources: tables.flatMap((table) => [table.tableArn, `${table.tableArn}/index/*`]),
      }),
    );
    const bucket = changeLog.archive.bucket;
    role.addToPolicy(
      new PolicyStatement({
        sid: "EvidenceRead",
        effect: Effect.ALLOW,
        // Signed download links act with these rights: GetObject only.
        actions: ["s3:GetObject"],
        resources: [bucket.arnForObjects("*")],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        sid: "EvidenceListing",
        effect: Effect.ALLOW,
        // Without it, HeadObject on a missing key answers 403 and a wrong link looks like a denial.
        actions: ["s3:ListBucket"],
        resources: [bucket.bucketArn],
      }),
    );
  }

  /** Where the page signs reviewers in: the Cognito hosted UI. */
  get hostedUiUrl(): string {
    return this.userPoolDomain.baseUrl();
  }
}
