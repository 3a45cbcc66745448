import path from "node:path";
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import {
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { REPO_ROOT } from "./repo-root.js";

const WEB_DIR = path.join(REPO_ROOT, "shared", "web");

/** What the page reads from `config.json`: where the API is and how reviewers sign in. */
export interface WebPageConfig {
  readonly apiBase: string;
  readonly auth: {
    readonly mode: "cognito";
    readonly domain: string;
    readonly clientId: string;
    readonly redirectUri: string;
  };
}

export interface WebProps {
  readonly config: CodecurrentConfig;
}

/**
 * The change-log web page: plain files in a private bucket, served by CloudFront through Origin
 * Access Control, with security headers and access logs. The API lives on its own origin
 * (HTTP API, CORS limited to this distribution).
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<distribution domain>/`: the page, and the Cognito callback and sign-out address. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const prod = props.config.stage === "prod";
    const removal = prod
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    this.logBucket = new Bucket(this, "AccessLogs", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logs are delivered with an ACL grant, which needs ACLs enabled.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [
        { id: "expire-access-logs", expiration: Duration.days(props.config.accessLogRetentionDays) },
      ],
      ...removal,
    });
    NagSuppressions.addResourceSuppressions(this.logBucket, [
      {
        id: "AwsSolutions-S1",
        reason:
          "This bucket receives the CloudFront and web bucket access logs; logging it to itself would log its own log deliveries without end.",
      },
    ]);

    this.bucket = new Bucket(this, "Site", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: "site/",
      ...removal,
    });

    const headers = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "codecurrent web page: CSP, HSTS, no framing, no referrer",
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          // The page calls its HTTP API and Cognito's token endpoint, nothing else; wildcards keep
          // the policy free of a dependency cycle with the API (whose CORS names this distribution).
          contentSecurityPolicy:
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://*.execute-api.amazonaws.com https://*.amazoncognito.com; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new Distribution(this, "Distribution", {
      comment: "codecurrent change log web page",
      defaultRootObject: "index.html",
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      // Reviewers are in the US; the cheapest price class covers North America and Europe.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: "cloudfront/",
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: "AwsSolutions-CFR1",
        reason:
          "No geo restriction: the page is a static sign-in shell; every data request goes to the API, which requires a Cognito reviewer token.",
      },
      {
        id: "AwsSolutions-CFR2",
        reason:
          "No WAF web ACL on the static page: it serves a few public files and no data; the API enforces Cognito JWTs and stage throttling. Add a web ACL in front if the organisation requires one.",
      },
      {
        id: "AwsSolutions-CFR4",
        reason:
          "The distribution uses the default *.cloudfront.net certificate, on which CloudFront fixes the minimum TLS version; a custom domain with its own certificate would set TLSv1.2_2021.",
      },
    ]);
  }

  /** Publishes the page with the `config.json` that points it at the API and Cognito. */
  deploy(config: WebPageConfig): BucketDeployment {
    const deployment = new BucketDeployment(this, "Deploy", {
      destinationBucket: this.bucket,
      sources: [Source.asset(WEB_DIR), Source.jsonData("config.json", config)],
      distribution: this.distribution,
      distributionPaths: ["/*"],
      // The Lambda-backed custom resource runs once per deploy; 256 MB unzips the page quickly.
      memoryLimit: 256,
    });
    // The deployment's provider function is a CDK singleton at the stack's root, shared by
    // every BucketDeployment of the stack; its role and runtime are CDK's, not ours to shape.
    const provider = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith("Custom::CDKBucketDeployment"),
    );
    if (provider) {
      NagSuppressions.addResourceSuppressions(
        provider,
        [
          {
            id: "AwsSolutions-IAM4",
            reason:
              "CDK's BucketDeployment provider runs with AWSLambdaBasicExecutionRole for its own logs; it runs only during deployments.",
            appliesTo: [
              "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            ],
          },
          {
            id: "AwsSolutions-IAM5",
            reason:
              "CDK's BucketDeployment provider copies the page from the CDK asset bucket into the site bucket and invalidates the distribution: CDK grants s3 object wildcards on exactly those two buckets and CloudFront invalidation.",
            appliesTo: [
              { regex: "/^Action::s3:.*\\*$/g" },
              { regex: "/^Resource::.*\\*$/g" },
              { regex: "/^Resource::arn:<AWS::Partition>:s3:::cdk-.*\\*$/g" },
            ],
          },
          {
            id: "AwsSolutions-L1",
            reason:
              "The BucketDeployment provider's runtime is chosen by aws-cdk-lib and moves with CDK upgrades; it runs only during deployments.",
          },
        ],
        true,
      );
    }
    return deployment;
  }
}
