import { describe, expect, it } from "vitest";
import { gatewayJwtAuthenticator } from "#shared/api/auth/gateway-jwt-authenticator.js";
import { localTokenAuthenticator } from "#shared/api/auth/local-token-authenticator.js";
import { badRequest } from "#shared/api/http/api-error.js";
import { createRouter, type Route } from "#shared/api/http/router.js";
import type { HttpRequest } from "#shared/http/http-request.js";
import { jsonResponse } from "#shared/http/http-response.js";

const TOKEN = "a-local-token-of-enough-length";
const routes: Route[] = [
  {
    method: "GET",
    path: "/codes/:system/:code",
    access: "reviewer",
    handle: async ({ params, principal }) => jsonResponse({ params, principal }),
  },
  { method: "GET", path: "/public", access: "public", handle: async () => jsonResponse({ ok: true }) },
  {
    method: "GET",
    path: "/bad",
    access: "reviewer",
    handle: async () => {
      throw badRequest("limit: too big", [{ parameter: "limit", message: "too big" }]);
    },
  },
  {
    method: "GET",
    path: "/boom",
    access: "reviewer",
    handle: async () => {
      throw new Error("ResourceNotFoundException: table codecurrent-changes at /var/task/index.mjs:1:2");
    },
  },
];
const failures: unknown[] = [];
const api = createRouter(routes, {
  authenticate: localTokenAuthenticator(TOKEN),
  onUnexpectedError: (e) => failures.push(e),
});
const request = (path: string, overrides: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "GET",
  path,
  query: {},
  headers: { authorization: `Bearer ${TOKEN}` },
  requestId: "req-1",
  ...overrides,
});
const body = (response: { body: string | Buffer }) => JSON.parse(String(response.body));

describe("router", () => {
  it("passes decoded path parameters and the principal to a reviewer route", async () => {
    const response = await api(request("/codes/icd10cm/E11.9%20"));
    expect(response.status).toBe(200);
    expect(body(response)).toEqual({
      params: { system: "icd10cm", code: "E11.9 " },
      principal: { subject: "local" },
    });
  });

  it.each([
    ["no Authorization header", {}],
    ["a wrong token", { authorization: "Bearer not-the-token-at-all-xx" }],
    ["another scheme", { authorization: `Basic ${TOKEN}` }],
  ])("answers 401 with a JSON body for %s", async (_name, headers) => {
    const response = await api(request("/codes/icd10cm/E119", { headers }));
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toContain("Bearer");
    expect(body(response)).toMatchObject({ error: "unauthorized" });
  });

  it("serves public routes without a token", async () => {
    expect((await api(request("/public", { headers: {} }))).status).toBe(200);
  });

  it("answers 404 for an unknown path and 405 with Allow for a wrong method", async () => {
    expect((await api(request("/nope"))).status).toBe(404);
    const wrong = await api(request("/public", { method: "DELETE" }));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("GET");
  });

  it("turns a validation failure into a 400 naming the parameter", async () => {
    const response = await api(request("/bad"));
    expect(response.status).toBe(400);
    expect(body(response)).toMatchObject({
      error: "bad_request",
      issues: [{ parameter: "limit" }],
      requestId: "req-1",
    });
  });

  it("answers an unexpected failure with a bare 500: no message, stack or table name reaches the client", async () => {
    const response = await api(request("/boom"));
    expect(response.status).toBe(500);
    expect(String(response.body)).not.toMatch(/ResourceNotFound|codecurrent-changes|index\.mjs|at /);
    expect(body(response)).toMatchObject({ error: "internal", requestId: "req-1" });
    expect(failures).toHaveLength(1);
  });

  it("answers 400 for malformed percent-encoding in the path", async () => {
    expect((await api(request("/codes/icd10cm/%E0%A4%A"))).status).toBe(400);
  });
});

describe("authenticators", () => {
  it("accepts API Gateway's verified Cognito claims and refuses a request without them", () => {
    expect(gatewayJwtAuthenticator(request("/", { verifiedClaims: { sub: "abc-123" } }))).toEqual({
      subject: "abc-123",
    });
    expect(gatewayJwtAuthenticator(request("/"))).toBeUndefined();
    expect(gatewayJwtAuthenticator(request("/", { verifiedClaims: { sub: "" } }))).toBeUndefined();
  });

  it("refuses a local token shorter than 16 characters", () => {
    expect(() => localTokenAuthenticator("short")).toThrow(/16/);
  });
});
