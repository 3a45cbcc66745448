import { describe, expect, it } from "vitest";
import {
  SIGN_UP_THROTTLE,
  SUBSCRIPTION_LINK_THROTTLE,
  SUBSCRIPTION_TIMEOUT,
} from "../../infra/constructs/subscription-endpoints.js";
import { PROD, synthesize } from "./synthesize.js";

const { template, stack } = synthesize(PROD);
const endpoints = stack.subscriptions!;
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of the inline policies attached to a role, by the role's logical id. */
function statementsOfRole(roleId: string): Statement[] {
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());
const subscriptionStatements = () => statementsOfRole(logicalId(endpoints.role));

const SUBSCRIPTION_ROUTES = [
  "GET /subscriptions/{proxy+}",
  "POST /subscriptions",
  "POST /subscriptions/{proxy+}",
  "PUT /subscriptions/{proxy+}",
];

describe("subscription endpoints", () => {
  it("routes /subscriptions and /subscriptions/{proxy+} to their own function, without an authorizer", () => {
    const fnId = logicalId(endpoints.subscriptionFunction);
    const integrationIds = Object.entries(template.findResources("AWS::ApiGatewayV2::Integration"))
      .filter(([, integration]) => JSON.stringify(integration.Properties.IntegrationUri).includes(fnId))
      .map(([id]) => id);
    expect(integrationIds).toHaveLength(1);
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route"))
      .map((route) => route.Properties as { RouteKey: string; AuthorizationType?: string; Target: unknown })
      .filter((route) => route.RouteKey.includes("/subscriptions"));
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(SUBSCRIPTION_ROUTES);
    for (const route of routes) {
      expect(route.AuthorizationType).toBe("NONE");
      expect(JSON.stringify(route.Target)).toContain(integrationIds[0]);
    }
  });

  it("throttles each public route on the stage, and deploys the stage after the routes", () => {
    const [stageId, stage] = Object.entries(template.findResources("AWS::ApiGatewayV2::Stage"))[0]!;
    expect(stageId).toBeDefined();
    const settings = stage.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    expect(Object.keys(settings).sort()).toEqual(SUBSCRIPTION_ROUTES);
    expect(settings["POST /subscriptions"]).toEqual({
      ThrottlingRateLimit: SIGN_UP_THROTTLE.rateLimit,
      ThrottlingBurstLimit: SIGN_UP_THROTTLE.burstLimit,
    });
    expect(settings["GET /subscriptions/{proxy+}"]).toEqual({
      ThrottlingRateLimit: SUBSCRIPTION_LINK_THROTTLE.rateLimit,
      ThrottlingBurstLimit: SUBSCRIPTION_LINK_THROTTLE.burstLimit,
    });
    // Sign-up sends an email per request: held below the token links, and both below the stage's own limit.
    expect(SIGN_UP_THROTTLE.rateLimit).toBeLessThan(SUBSCRIPTION_LINK_THROTTLE.rateLimit);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(
      SIGN_UP_THROTTLE.rateLimit + SUBSCRIPTION_LINK_THROTTLE.rateLimit,
    );
    const routeIds = [...endpoints.signUpRoutes, ...endpoints.linkRoutes].map((route) => logicalId(route));
    expect(stage.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it("runs on Node.js 22 ARM64 inside API Gateway's 30 s, with the settings its handler reads", () => {
    const fn = template.findResources("AWS::Lambda::Function")[logicalId(endpoints.subscriptionFunction)]!
      .Properties as { Runtime: string; Architectures: string[]; Timeout: number; Environment: unknown };
    expect(fn.Runtime).toBe("nodejs22.x");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Timeout).toBe(SUBSCRIPTION_TIMEOUT.toSeconds());
    expect(fn.Timeout).toBeLessThan(30);
    const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(
      Object.keys(variables)
        .filter((name) => name.startsWith("CODECURRENT_"))
        .sort(),
    ).toEqual(
      [
        "CODECURRENT_SUBSCRIBERS_TABLE",
        "CODECURRENT_SENDER_ADDRESS",
        "CODECURRENT_PUBLIC_URL",
        "CODECURRENT_SES_CONFIGURATION_SET",
        "CODECURRENT_TOKEN_SECRET_PARAMETER",
        "CODECURRENT_MAX_SEND_RATE",
      ].sort(),
    );
    expect(variables.CODECURRENT_TOKEN_SECRET_PARAMETER).toBe(
      "/codecurrent/codecurrent-prod/subscription-token-secret",
    );
    expect(variables.CODECURRENT_SENDER_ADDRESS).toBe("digest@example.org");
    expect(JSON.stringify(variables.CODECURRENT_PUBLIC_URL)).toContain("ApiHttpApi");
  });

  it("may send email only from the configured identity, and read only the token secret", () => {
    expect(
      template.findResources("AWS::IAM::Role")[logicalId(endpoints.role)]?.Properties.ManagedPolicyArns,
    ).toBeUndefined();
    const statements = subscriptionStatements();
    const send = statements.filter((s) => actionsOf([s]).includes("ses:SendRawEmail"));
    expect(send).toHaveLength(1);
    expect(actionsOf(send)).toEqual(["ses:SendRawEmail"]);
    expect(JSON.stringify(send[0]!.Resource)).toContain("identity/digest@example.org");
    expect(send[0]!.Condition).toEqual({ StringEquals: { "ses:FromAddress": "digest@example.org" } });
    const ssm = statements.filter((s) => actionsOf([s]).some((action) => action.startsWith("ssm:")));
    expect(actionsOf(ssm)).toEqual(["ssm:GetParameter"]);
    expect(JSON.stringify(ssm[0]!.Resource)).toContain(
      "parameter/codecurrent/codecurrent-prod/subscription-token-secret",
    );
  });

  it("reads and writes subscribers only: nothing on the change log, the deliveries or the archive", () => {
    const statements = subscriptionStatements();
    const actions = actionsOf(statements);
    expect(new Set(actions.filter((action) => action.startsWith("dynamodb:")))).toEqual(
      new Set(["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]),
    );
    expect(actions.filter((action) => action.startsWith("s3:"))).toEqual([]);
    const resources = JSON.stringify(statements.map((s) => s.Resource));
    const subscribers = logicalId(stack.subscriberTables.subscribers);
    for (const table of [
      stack.changeLog.changes,
      stack.changeLog.sources,
      stack.changeLog.runs,
      stack.subscriberTables.deliveries,
    ]) {
      expect(resources).not.toContain(logicalId(table));
    }
    expect(resources).not.toContain(logicalId(stack.changeLog.archive.bucket));
    expect(resources).not.toContain('"*"');
    const tableStatements = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith("dynamodb:")));
    for (const statement of tableStatements)
      expect(JSON.stringify(statement.Resource)).toContain(subscribers);
  });

  it("leaves the review function unable to send email or read the token secret", () => {
    const reviewRole = logicalId(stack.api.apiFunction.role as never);
    const actions = actionsOf(statementsOfRole(reviewRole));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => /^(ses|ssm):/i.test(action))).toEqual([]);
    expect(actions.filter((action) => /Put|Update|Delete|Write/.test(action))).toEqual(["logs:PutLogEvents"]);
  });

  it("names the public address in the stack outputs", () => {
    expect(JSON.stringify(template.toJSON().Outputs.SubscriptionsUrl.Value)).toContain("/subscriptions");
  });

  it("exists only with a sender address: without one, no function and no /subscriptions routes", () => {
    const dev = synthesize({});
    expect(dev.stack.subscriptions).toBeUndefined();
    const routes = Object.values(dev.template.findResources("AWS::ApiGatewayV2::Route")).map(
      (route) => route.Properties.RouteKey as string,
    );
    expect(routes).toEqual(["GET /{proxy+}"]);
    const services = Object.values(dev.template.findResources("AWS::Lambda::Function")).map(
      (fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME as unknown,
    );
    expect(services).not.toContain("subscriptions");
    expect(
      Object.values(dev.template.findResources("AWS::ApiGatewayV2::Stage"))[0]!.Properties.RouteSettings,
    ).toBeUndefined();
  });
});
