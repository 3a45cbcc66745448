import { describe, expect, it } from "vitest";
import {
  PAGE_REQUESTS_PER_5_MINUTES,
  PAGES_STAGE,
  PAGES_TIMEOUT,
  SIGN_UP_POSTS_PER_5_MINUTES,
} from "../../infra/constructs/subscription-pages.js";
import { PROD, synthesize } from "./synthesize.js";

const { template, stack } = synthesize(PROD);
const pages = stack.subscriptions!;
const signUps = stack.signUps!;
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
const roleOf = (fn: { role?: unknown }) => logicalId(fn.role as never);
const variablesOf = (fn: { node: { defaultChild?: unknown } }) =>
  (
    template.findResources("AWS::Lambda::Function")[logicalId(fn)]!.Properties.Environment as {
      Variables: Record<string, unknown>;
    }
  ).Variables;

describe("the subscription pages' REST API", () => {
  it("is a regional REST API stage serving /subscriptions and /subscriptions/{proxy+} from the pages' function, without an authorizer", () => {
    const api = template.findResources("AWS::ApiGateway::RestApi")[logicalId(pages.restApi)]!;
    expect(api.Properties.EndpointConfiguration).toEqual({ Types: ["REGIONAL"] });
    expect(api.Properties.BinaryMediaTypes).toEqual(["multipart/form-data"]);
    const paths = Object.values(template.findResources("AWS::ApiGateway::Resource")).map(
      (r) => r.Properties.PathPart,
    );
    expect(paths.sort()).toEqual(["subscriptions", "{proxy+}"]);
    const methods = Object.values(template.findResources("AWS::ApiGateway::Method"));
    expect(methods).toHaveLength(2);
    const fnId = logicalId(pages.pagesFunction!);
    for (const method of methods) {
      expect(method.Properties.HttpMethod).toBe("ANY");
      expect(method.Properties.AuthorizationType).toBe("NONE");
      expect(method.Properties.Integration.Type).toBe("AWS_PROXY");
      expect(JSON.stringify(method.Properties.Integration.Uri)).toContain(fnId);
    }
  });

  it("writes access logs without query strings (links carry tokens), and throttles the stage", () => {
    const [stage] = Object.values(template.findResources("AWS::ApiGateway::Stage"));
    expect(stage!.Properties.StageName).toBe(PAGES_STAGE);
    const format = stage!.Properties.AccessLogSetting.Format as string;
    expect(format).toContain("$context.resourcePath");
    expect(format).not.toMatch(/querystring|\$context\.path\b|\$input/i);
    expect(stage!.Properties.MethodSettings[0]).toMatchObject({
      ThrottlingRateLimit: 25,
      ThrottlingBurstLimit: 50,
    });
  });

  it("sits behind a regional WAF web ACL whose rate rules count per client IP, sign-up posts held lowest", () => {
    const [acl] = Object.values(template.findResources("AWS::WAFv2::WebACL"));
    expect(acl!.Properties.Scope).toBe("REGIONAL");
    expect(acl!.Properties.DefaultAction).toEqual({ Allow: {} });
    const rules = acl!.Properties.Rules as {
      Name: string;
      Action?: unknown;
      Statement: { RateBasedStatement: { ScopeDownStatement?: unknown } & Record<string, unknown> };
    }[];
    const signUp = rules.find((rule) => rule.Name === "SignUpPostsPerIp")!;
    expect(signUp.Action).toEqual({ Block: {} });
    expect(signUp.Statement.RateBasedStatement).toMatchObject({
      Limit: SIGN_UP_POSTS_PER_5_MINUTES,
      AggregateKeyType: "IP",
      EvaluationWindowSec: 300,
    });
    const scope = JSON.stringify(signUp.Statement.RateBasedStatement.ScopeDownStatement);
    expect(scope).toContain('"SearchString":"POST"');
    expect(scope).toContain('"SearchString":"/subscriptions"');
    expect(scope).toContain('"SearchString":"/subscriptions/new-link"');
    const all = rules.find((rule) => rule.Name === "PageRequestsPerIp")!;
    expect(all.Statement.RateBasedStatement).toEqual({
      Limit: PAGE_REQUESTS_PER_5_MINUTES,
      AggregateKeyType: "IP",
      EvaluationWindowSec: 300,
    });
    expect(SIGN_UP_POSTS_PER_5_MINUTES).toBeLessThan(PAGE_REQUESTS_PER_5_MINUTES);
    const [association] = Object.values(template.findResources("AWS::WAFv2::WebACLAssociation"));
    expect(JSON.stringify(association!.Properties.WebACLArn)).toContain(stack.getLogicalId(pages.webAcl));
    expect(JSON.stringify(association!.Properties.ResourceArn)).toMatch(
      new RegExp(`/restapis/.*${logicalId(pages.restApi)}.*/stages/.*DeploymentStage${PAGES_STAGE}`),
    );
  });

  it("is the only way to the pages: the review's HTTP API has no /subscriptions route", () => {
    const routes = Object.values(template.findResources("AWS::ApiGatewayV2::Route")).map(
      (route) => route.Properties.RouteKey as string,
    );
    expect(routes).toEqual(["GET /{proxy+}"]);
  });
});

describe("the pages' function", () => {
  it("runs on Node.js 22 ARM64 inside API Gateway's 29 s, with the settings its handler reads", () => {
    const fn = template.findResources("AWS::Lambda::Function")[logicalId(pages.pagesFunction!)]!
      .Properties as {
      Runtime: string;
      Architectures: string[];
      Timeout: number;
    };
    expect(fn.Runtime).toBe("nodejs22.x");
    expect(fn.Architectures).toEqual(["arm64"]);
    expect(fn.Timeout).toBe(PAGES_TIMEOUT.toSeconds());
    const variables = variablesOf(pages.pagesFunction!);
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        "CODECURRENT_SUBSCRIBERS_TABLE",
        "CODECURRENT_CEUS_TABLE",
        "CODECURRENT_CHANGES_TABLE",
        "CODECURRENT_SIGN_UP_QUEUE_URL",
        "CODECURRENT_PUBLIC_URL",
        "CODECURRENT_TOKEN_SECRET_PARAMETER",
      ]),
    );
    // Every link points at this API's stage.
    expect(JSON.stringify(variables.CODECURRENT_PUBLIC_URL)).toContain(logicalId(pages.restApi));
    expect(JSON.stringify(variables.CODECURRENT_PUBLIC_URL)).toContain(`/${PAGES_STAGE}`);
  });

  it("sends no email and writes only subscribers' items and their CEU log; it queues sign-ups", () => {
    const statements = statementsOfRole(roleOf(pages));
    const actions = actionsOf(statements);
    expect(actions.filter((action) => action.startsWith("ses:"))).toEqual([]);
    expect(actions).toContain("sqs:SendMessage");
    expect(new Set(actions.filter((action) => action.startsWith("dynamodb:")))).toEqual(
      new Set([
        "dynamodb:GetItem",
        "dynamodb:UpdateItem",
        "dynamodb:PutItem",
        "dynamodb:DeleteItem",
        "dynamodb:Query",
      ]),
    );
    const writes = statements.filter((s) =>
      actionsOf([s]).some((a) => /Put|Update|Delete/.test(a) && a.startsWith("dynamodb:")),
    );
    const written = JSON.stringify(writes.map((s) => s.Resource));
    for (const table of [
      stack.changeLog.changes,
      stack.subscriberTables.deliveries,
      stack.subscriberTables.addresses,
    ]) {
      expect(written).not.toContain(logicalId(table));
    }
    expect(JSON.stringify(statements.map((s) => s.Resource))).not.toContain('"*"');
  });
});

describe("the sign-up worker", () => {
  it("takes its requests from an encrypted queue with a dead-letter queue, failures reported one by one", () => {
    const queue = template.findResources("AWS::SQS::Queue")[logicalId(signUps.queue)]!;
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(JSON.stringify(queue.Properties.RedrivePolicy)).toContain(logicalId(signUps.deadLetterQueue));
    const [mapping] = Object.values(template.findResources("AWS::Lambda::EventSourceMapping")).filter((m) =>
      JSON.stringify(m.Properties.EventSourceArn).includes(logicalId(signUps.queue)),
    );
    expect(mapping!.Properties.FunctionResponseTypes).toEqual(["ReportBatchItemFailures"]);
  });

  it("may claim addresses, write subscribers and deliveries, and send only from the configured identity", () => {
    const statements = statementsOfRole(roleOf({ role: signUps.workerFunction.role }));
    const send = statements.filter((s) => actionsOf([s]).includes("ses:SendRawEmail"));
    expect(send).toHaveLength(1);
    expect(send[0]!.Condition).toEqual({ StringEquals: { "ses:FromAddress": "digest@example.org" } });
    const addresses = statements.filter((s) =>
      JSON.stringify(s.Resource).includes(logicalId(stack.subscriberTables.addresses)),
    );
    expect(actionsOf(addresses).sort()).toEqual([
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
    ]);
    expect(JSON.stringify(statements.map((s) => s.Resource))).not.toContain(
      logicalId(stack.changeLog.changes),
    );
    expect(variablesOf(signUps.workerFunction).CODECURRENT_ADDRESSES_TABLE).toBeDefined();
  });
});

describe("without a sender address", () => {
  it("has no pages, no web ACL and no sign-up worker: nobody can sign up for mail that cannot go out", () => {
    const dev = synthesize({});
    expect(dev.stack.subscriptions).toBeUndefined();
    expect(Object.keys(dev.template.findResources("AWS::ApiGateway::RestApi"))).toEqual([]);
    expect(Object.keys(dev.template.findResources("AWS::WAFv2::WebACL"))).toEqual([]);
    const services = Object.values(dev.template.findResources("AWS::Lambda::Function")).map(
      (fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME as unknown,
    );
    expect(services).not.toContain("subscriptions");
    expect(services).not.toContain("sign-ups");
  });

  it("names the public address in the stack outputs", () => {
    expect(JSON.stringify(template.toJSON().Outputs.SubscriptionsUrl.Value)).toContain("/subscriptions");
    expect(template.toJSON().Outputs.SubscriptionWebAclArn).toBeDefined();
  });
});
