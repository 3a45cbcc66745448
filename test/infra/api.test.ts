import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { API_TIMEOUT } from "../../infra/constructs/api.js";
import { PROD, synthesize } from "./synthesize.js";

const { template, stack } = synthesize(PROD);
const resolve = (value: unknown) => JSON.stringify(stack.resolve(value));

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function apiFunction() {
  const functions = template.findResources("AWS::Lambda::Function", {
    Properties: { Handler: "index.handler" },
  });
  const entries = Object.entries(functions).filter(([id]) => id.startsWith("Api"));
  expect(entries).toHaveLength(1);
  return entries[0]![1].Properties as Record<string, unknown> & { Role: { "Fn::GetAtt": [string, string] } };
}

function apiRoleStatements(): Statement[] {
  const role = apiFunction().Role["Fn::GetAtt"][0];
  expect(template.findResources("AWS::IAM::Role")[role]?.Properties.ManagedPolicyArns).toBeUndefined();
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

describe("review API function", () => {
  it("runs the api handler on Node.js 22 ARM64 within API Gateway's 30 seconds", () => {
    const fn = apiFunction();
    expect(fn.Runtime).toBe("nodejs22.x");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Timeout).toBe(API_TIMEOUT.toSeconds());
    expect(fn.Timeout).toBeLessThan(30);
    expect(Object.keys((fn.Environment as { Variables: Record<string, unknown> }).Variables)).toEqual(
      expect.arrayContaining([
        "CODECURRENT_CHANGES_TABLE",
        "CODECURRENT_SOURCES_TABLE",
        "CODECURRENT_RUNS_TABLE",
        "CODECURRENT_ARCHIVE_BUCKET",
      ]),
    );
  });

  it("gives every container the same cursor key, so a page cursor works whichever container answers", () => {
    const variables = (apiFunction().Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.CODECURRENT_CURSOR_KEY).toEqual({ Ref: "AWS::StackId" });
  });

  it("may only read: GetItem and Query on the change log tables, GetObject on the archive, logs", () => {
    const actions = apiRoleStatements().flatMap((statement) => [statement.Action].flat());
    expect(new Set(actions)).toEqual(
      new Set([
        "dynamodb:GetItem",
        "dynamodb:Query",
        "s3:GetObject",
        "s3:ListBucket",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
      ]),
    );
    const resources = JSON.stringify(apiRoleStatements().map((statement) => statement.Resource));
    expect(resources).not.toMatch(/Subscriber|Deliveries/);
    expect(resources).not.toContain('"*"');
  });
});

describe("HTTP API", () => {
  it("puts every review route behind the Cognito JWT authorizer", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      AuthorizerType: "JWT",
      IdentitySource: ["$request.header.Authorization"],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp("ApiReviewersWebPage") }],
        Issuer: Match.objectLike({ "Fn::Join": Match.anyValue() }),
      },
    });
    template.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "GET /{proxy+}",
      AuthorizationType: "JWT",
    });
  });

  it("leaves no route public: the subscription pages are a REST API stage of their own, behind a WAF web ACL", () => {
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map(
      (route) => route.Properties as { RouteKey: string; AuthorizationType?: string },
    );
    expect(
      routes.filter((route) => route.AuthorizationType !== "JWT").map((route) => route.RouteKey),
    ).toEqual([]);
  });

  it("routes nothing public to the read-only review function (its role cannot write or send)", () => {
    const reviewFunction = Object.keys(template.findResources("AWS::Lambda::Function")).find((id) =>
      id.startsWith("ApiHandler"),
    )!;
    const integrations = Object.entries(template.findResources("AWS::ApiGatewayV2::Integration"))
      .filter(([, integration]) =>
        JSON.stringify(integration.Properties.IntegrationUri).includes(reviewFunction),
      )
      .map(([id]) => id);
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route"))
      .filter((route) => integrations.some((id) => JSON.stringify(route.Properties.Target).includes(id)))
      .map((route) => route.Properties as { RouteKey: string; AuthorizationType?: string });
    expect(routes.map((route) => [route.RouteKey, route.AuthorizationType])).toEqual([
      ["GET /{proxy+}", "JWT"],
    ]);
  });

  it("allows CORS from the web page's distribution only", () => {
    const api = Object.values(template.findResources("AWS::ApiGatewayV2::Api"))[0]!;
    const origins = resolve(api.Properties.CorsConfiguration.AllowOrigins);
    expect(origins).toContain("WebDistribution");
    expect(origins).toContain("DomainName");
    expect(api.Properties.CorsConfiguration.AllowHeaders).toEqual(["authorization", "content-type"]);
  });

  it("logs every request to its own log group (no Authorization header, no query string) and throttles", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp("requestId"),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
    const stage = Object.values(template.findResources("AWS::ApiGatewayV2::Stage"))[0]!;
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/Authorization|querystring/i);
  });
});

describe("reviewer sign-in (Cognito)", () => {
  it("invites reviewers only, with MFA and a strong password policy", () => {
    template.hasResourceProperties("AWS::Cognito::UserPool", {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: "ON",
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      DeletionProtection: "ACTIVE",
    });
  });

  it("gives the page a public client using the authorization code flow, calling back to the page", () => {
    const client = Object.values(template.findResources("AWS::Cognito::UserPoolClient"))[0]!.Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(["code"]);
    expect(resolve(client.CallbackURLs)).toContain("WebDistribution");
    template.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
  });
});

describe("web page", () => {
  it("is served by CloudFront from a private bucket through Origin Access Control, HTTPS only, with logs", () => {
    template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: "index.html",
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: "redirect-to-https" }),
        Origins: [
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() }),
        ],
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
    const site = Object.entries(template.findResources("AWS::S3::Bucket")).find(([id]) =>
      id.startsWith("WebSite"),
    )!;
    expect(site[1].Properties.PublicAccessBlockConfiguration).toMatchObject({
      BlockPublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policies = Object.values(template.findResources("AWS::S3::BucketPolicy")).map((policy) =>
      resolve(policy.Properties),
    );
    expect(
      policies.some(
        (policy) => policy.includes("cloudfront.amazonaws.com") && policy.includes("AWS:SourceArn"),
      ),
    ).toBe(true);
  });

  it("sends a content security policy that allows only the page, its API and Cognito", () => {
    template.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "script-src 'self'.*connect-src 'self' https://\\*\\.execute-api",
            ),
            Override: true,
          },
        }),
      }),
    });
  });

  it("deploys the page with a config.json naming the API and the hosted sign-in", () => {
    const deployment = Object.values(template.findResources("Custom::CDKBucketDeployment"))[0]!;
    expect(deployment).toBeDefined();
    expect(deployment.Properties.DistributionPaths).toEqual(["/*"]);
    const markers = resolve(deployment.Properties.SourceMarkers);
    expect(markers).toContain("ApiEndpoint");
    expect(markers).toMatch(/ApiReviewersHostedUi/);
    expect(markers).toMatch(/ApiReviewersWebPage/);
  });
});
