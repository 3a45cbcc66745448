import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
} from "aws-lambda";
import { compressResponse } from "#shared/api/http/response-compression.js";
import type { HttpHandler, HttpRequest } from "#shared/http/http-request.js";

export type HttpApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer | APIGatewayProxyEventV2;

/**
 * API Gateway HTTP API (payload 2.0) ↔ the one request model (shared/http/http-request.ts): all that
 * is Lambda-shaped about an HTTP request lives in this file. Events
 * of routes without an authorizer (the public subscription routes) carry no claims: the router's
 * `reviewer` routes then answer 401.
 */
export function httpApiHandler(api: HttpHandler) {
  return async (event: HttpApiEvent): Promise<APIGatewayProxyResultV2> => {
    const claims =
      "authorizer" in event.requestContext ? event.requestContext.authorizer?.jwt?.claims : undefined;
    const headers = Object.fromEntries(
      Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const request: HttpRequest = {
      method: event.requestContext.http.method,
      path: event.rawPath,
      query: event.queryStringParameters ?? {},
      headers,
      ...(event.body === undefined
        ? {}
        : { body: event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body }),
      ...(claims ? { verifiedClaims: claims } : {}),
      requestId: event.requestContext.requestId,
    };
    const response = compressResponse(await api(request), headers["accept-encoding"]);
    const binary = Buffer.isBuffer(response.body);
    return {
      statusCode: response.status,
      headers: { ...response.headers },
      body: binary ? (response.body as Buffer).toString("base64") : (response.body as string),
      isBase64Encoded: binary,
    };
  };
}
