import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import type { HttpHandler, HttpRequest } from "#shared/http/http-request.js";

/**
 * API Gateway REST API (Lambda proxy, payload 1.0) → the platform-neutral request, and the answer
 * back: the public subscription pages are a REST API stage, the kind of API a regional WAF web ACL
 * attaches to. `event.path` is the resource path without the stage, the same path the pages are
 * served under locally.
 */
export function restApiHandler(api: HttpHandler) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const headers = Object.fromEntries(
      Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value ?? undefined]),
    );
    const query = Object.fromEntries(
      Object.entries(event.queryStringParameters ?? {}).map(([name, value]) => [name, value ?? undefined]),
    );
    const request: HttpRequest = {
      method: event.httpMethod,
      path: event.path,
      query,
      headers,
      // Multipart uploads arrive base64-encoded (the stage declares them binary); forms as text.
      ...(event.body === null || event.body === undefined
        ? {}
        : { body: event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body }),
      requestId: event.requestContext.requestId,
    };
    const response = await api(request);
    const binary = Buffer.isBuffer(response.body);
    return {
      statusCode: response.status,
      headers: { ...response.headers },
      body: binary ? (response.body as Buffer).toString("base64") : (response.body as string),
      isBase64Encoded: binary,
    };
  };
}
