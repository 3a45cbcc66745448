/** What a route answers; the platform adapters turn it into their own response shape. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

const NO_STORE = { "cache-control": "no-store" } as const;

/** Change-log answers are never cached: a shared cache must not hand one reviewer's answer to another. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE, ...headers },
    body: JSON.stringify(body),
  };
}

export function fileResponse(body: string | Buffer, contentType: string, fileName: string): ApiResponse {
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

export function redirectResponse(location: string): ApiResponse {
  return { status: 302, headers: { location, ...NO_STORE }, body: "" };
}
