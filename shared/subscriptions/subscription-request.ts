/** A request as any HTTP layer can hand it over: API Gateway, a Node server, a test. */
export interface SubscriptionRequest {
  readonly method: string;
  /** Path without the query, e.g. `/subscriptions/unsubscribe`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Raw body (JSON or `application/x-www-form-urlencoded`), already base64-decoded. */
  readonly body?: string;
}

export interface SubscriptionResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type SubscriptionHandler = (request: SubscriptionRequest) => Promise<SubscriptionResponse>;

const NO_STORE = { "cache-control": "no-store" };

export function json(status: number, value: unknown): SubscriptionResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE },
    body: JSON.stringify(value),
  };
}

export function html(status: number, page: string): SubscriptionResponse {
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      // The pages only ever post back to themselves.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      ...NO_STORE,
    },
    body: page,
  };
}

export function header(request: SubscriptionRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The token from `?token=` or, for form posts, the body's `token` field. */
export function tokenOf(request: SubscriptionRequest): string | undefined {
  if (request.query.token) return request.query.token;
  const type = header(request, "content-type") ?? "";
  if (request.body && type.includes("application/x-www-form-urlencoded")) {
    return new URLSearchParams(request.body).get("token") ?? undefined;
  }
  return undefined;
}
