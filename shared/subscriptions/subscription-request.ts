/** A request as any HTTP layer can hand it over: API Gateway, a Node server, a test. */
export interface SubscriptionRequest {
  readonly method: string;
  /** Path without the query, e.g. `/subscriptions/unsubscribe`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Header names in any case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Raw body (url-encoded or multipart form), already base64-decoded. */
  readonly body?: string;
}

export interface SubscriptionResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type SubscriptionHandler = (request: SubscriptionRequest) => Promise<SubscriptionResponse>;

export function header(request: SubscriptionRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
