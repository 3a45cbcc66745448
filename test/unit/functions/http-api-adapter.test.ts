import { gunzipSync } from "node:zlib";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { gatewayJwtAuthenticator } from "#shared/api/auth/gateway-jwt-authenticator.js";
import { createRouter } from "#shared/api/http/router.js";
import { jsonResponse } from "#shared/http/http-response.js";
import { httpApiHandler } from "../../../functions/http/http-api-adapter.js";

const handler = httpApiHandler(
  createRouter(
    [
      {
        method: "GET",
        path: "/changes",
        access: "reviewer",
        handle: async ({ request, principal }) =>
          jsonResponse({ principal, query: request.query, pad: "x".repeat(4000) }),
      },
    ],
    { authenticate: gatewayJwtAuthenticator },
  ),
);

function event(overrides: { claims?: Record<string, string>; headers?: Record<string, string> }) {
  return {
    version: "2.0",
    rawPath: "/changes",
    rawQueryString: "system=icd10cm",
    queryStringParameters: { system: "icd10cm" },
    headers: overrides.headers ?? {},
    isBase64Encoded: false,
    requestContext: {
      requestId: "abc",
      http: { method: "GET", path: "/changes" },
      ...(overrides.claims ? { authorizer: { jwt: { claims: overrides.claims, scopes: [] } } } : {}),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe("HTTP API adapter (payload 2.0)", () => {
  it("hands the authorizer's verified claims to the router as the principal", async () => {
    const result = (await handler(event({ claims: { sub: "user-1" } }))) as {
      statusCode: number;
      body: string;
    };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      principal: { subject: "user-1" },
      query: { system: "icd10cm" },
    });
  });

  it("answers 401 when the request reached the function without verified claims", async () => {
    const result = (await handler(event({}))) as { statusCode: number };
    expect(result.statusCode).toBe(401);
  });

  it("gzips large answers for clients that accept it, as base64 the way API Gateway expects binary", async () => {
    const result = (await handler(
      event({ claims: { sub: "u" }, headers: { "Accept-Encoding": "gzip, br" } }),
    )) as {
      body: string;
      isBase64Encoded: boolean;
      headers: Record<string, string>;
    };
    expect(result.isBase64Encoded).toBe(true);
    expect(result.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(Buffer.from(result.body, "base64")).toString()).principal.subject).toBe("u");
  });
});
