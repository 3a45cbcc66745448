import type { HttpHandler, HttpRequest } from "../../http/http-request.js";
import { type HttpResponse, jsonResponse } from "../../http/http-response.js";
import type { Authenticator, Principal } from "../auth/authenticator.js";
import { ApiError } from "./api-error.js";

/** `reviewer`: a signed-in compliance user. `public`: anyone (the route protects itself, e.g. with a token in the link). */
export type RouteAccess = "reviewer" | "public";

export interface RouteContext {
  readonly request: HttpRequest;
  /** Path parameters, already URL-decoded: `/codes/:system/:code` → `{ system, code }`. */
  readonly params: Readonly<Record<string, string>>;
  /** Set on `reviewer` routes. */
  readonly principal?: Principal;
}

export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Literal segments and `:name` parameters, e.g. `/evidence/:sourceId/:sha256`. */
  readonly path: string;
  readonly access: RouteAccess;
  handle(context: RouteContext): Promise<HttpResponse>;
}

export interface RouterOptions {
  readonly authenticate: Authenticator;
  /** Told about failures the client only sees as a 500 (never sent to the client). */
  readonly onUnexpectedError?: (error: unknown, request: HttpRequest) => void;
}

/**
 * Matches a request to its route, checks access, and turns every failure into a JSON answer: a
 * 4xx that says what to fix, or a bare 500 — a stack trace or an AWS error text never reaches a
 * client.
 */
export function createRouter(routes: readonly Route[], options: RouterOptions): HttpHandler {
  const compiled = routes.map((route) => ({ route, segments: route.path.split("/").filter(Boolean) }));
  return async (request) => {
    try {
      const segments = request.path.split("/").filter(Boolean);
      const candidates = compiled.flatMap(({ route, segments: pattern }) => {
        const params = matchSegments(pattern, segments);
        return params ? [{ route, params }] : [];
      });
      if (candidates.length === 0) throw new ApiError(404, "not_found", `no such resource: ${request.path}`);
      const method = request.method === "HEAD" ? "GET" : request.method;
      const found = candidates.find(({ route }) => route.method === method);
      if (!found) {
        const allowed = [...new Set(candidates.map(({ route }) => route.method))].join(", ");
        return errorResponse(
          new ApiError(405, "method_not_allowed", `${request.method} is not allowed here; use ${allowed}`),
          request,
          { allow: allowed },
        );
      }
      let principal: Principal | undefined;
      if (found.route.access === "reviewer") {
        principal = options.authenticate(request);
        if (!principal) {
          return errorResponse(
            new ApiError(401, "unauthorized", "sign in: this endpoint needs a reviewer's bearer token"),
            request,
            { "www-authenticate": 'Bearer realm="codecurrent"' },
          );
        }
      }
      return await found.route.handle({
        request,
        params: found.params,
        ...(principal ? { principal } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error, request);
      options.onUnexpectedError?.(error, request);
      return jsonResponse(
        {
          error: "internal",
          message: "internal error; quote the request id when reporting it",
          ...(request.requestId ? { requestId: request.requestId } : {}),
        },
        500,
      );
    }
  };
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(":")) {
      params[part.slice(1)] = decodeSegment(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, "bad_request", "malformed percent-encoding in the path");
  }
}

function errorResponse(error: ApiError, request: HttpRequest, headers: Record<string, string> = {}) {
  return jsonResponse(
    {
      error: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...(request.requestId ? { requestId: request.requestId } : {}),
    },
    error.status,
    headers,
  );
}
