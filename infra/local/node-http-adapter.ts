import type { IncomingMessage, ServerResponse } from "node:http";
import { compressResponse } from "#shared/api/http/response-compression.js";
import type { HttpHandler, HttpRequest } from "#shared/http/http-request.js";

/** Request bodies are small forms (a watchlist upload is the largest); anything larger is refused. */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * Node's http server ↔ the one request model, as the Lambda adapter is for API Gateway: serves
 * `handle` for a request whose path, with `prefix` taken off, is the endpoint's path.
 */
export async function serveNodeRequest(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  handle: HttpHandler,
  prefix: string,
): Promise<void> {
  const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
  const body = await readBody(incoming);
  if (body === undefined) {
    outgoing.writeHead(413, { "content-type": "application/json" });
    outgoing.end(JSON.stringify({ error: "too_large", message: "request body too large" }));
    return;
  }
  const request: HttpRequest = {
    method: incoming.method ?? "GET",
    path: url.pathname.slice(prefix.length) || "/",
    query: Object.fromEntries(url.searchParams.entries()),
    // Node has lowered the names already; a repeated header arrives as an array.
    headers: Object.fromEntries(
      Object.entries(incoming.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(", ") : value,
      ]),
    ),
    ...(body.length > 0 ? { body } : {}),
  };
  const response = compressResponse(await handle(request), request.headers["accept-encoding"]);
  outgoing.writeHead(response.status, response.headers);
  outgoing.end(incoming.method === "HEAD" ? undefined : response.body);
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
