/** What an endpoint answers; each server's adapter turns it into its own response shape. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

/**
 * Never cached: a shared cache must not hand one reviewer's change-log answer, or one subscriber's
 * preferences, to someone else.
 */
const NO_STORE = { "cache-control": "no-store" } as const;

export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE, ...headers },
    body: JSON.stringify(body),
  };
}

/** An HTML page with the given content security policy. */
export function htmlResponse(status: number, page: string, contentSecurityPolicy: string): HttpResponse {
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": contentSecurityPolicy,
      ...NO_STORE,
    },
    body: page,
  };
}

export function fileResponse(body: string | Buffer, contentType: string, fileName: string): HttpResponse {
  return {
    status: 200,
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      ...NO_STORE,
    },
    body,
  };
}

export function redirectResponse(location: string): HttpResponse {
  return { status: 302, headers: { location, ...NO_STORE }, body: "" };
}
