import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { apiDependencies } from "#shared/api/api-dependencies.js";
import { localTokenAuthenticator, newLocalToken } from "#shared/api/auth/local-token-authenticator.js";
import { createApi } from "#shared/api/create-api.js";
import type { AwsClients } from "#shared/aws/clients.js";
import type { Environment } from "#shared/config/environment.js";
import type { HttpHandler } from "#shared/http/http-request.js";
import { serveNodeRequest } from "./node-http-adapter.js";

/** The web page's files (plain HTML, CSS and ES modules: nothing to build). */
export const WEB_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "shared",
  "web",
);
/** The API answers under this prefix, beside the page, so the page needs no CORS locally. */
export const API_PREFIX = "/api";
/** The public subscription pages, at the same paths as in AWS (links in emails work against either). */
export const SUBSCRIPTIONS_PREFIX = "/subscriptions";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
};

/** What CloudFront's response headers policy sets in AWS, so the page is tested under the same rules. */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

export interface ApiServerOptions {
  readonly env: Environment;
  readonly clients: AwsClients;
  /** The local credential; a random one when omitted. */
  readonly token?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly log?: (line: string) => void;
  /**
   * The subscription pages (`createSubscriptionApi(…)`), served under `/subscriptions` at the root,
   * the same paths as the REST API stage serves them in AWS.
   */
  readonly subscriptions?: HttpHandler;
}

export interface ApiServer {
  /** The web page, e.g. `http://127.0.0.1:4321/`. */
  readonly url: string;
  /** The API's base address, e.g. `http://127.0.0.1:4321/api`. */
  readonly apiUrl: string;
  /** Bearer token the API accepts; the page takes it from `#token=` or its sign-in form. */
  readonly token: string;
  /** The page's address with the credential in its fragment (never sent to a server). */
  readonly signInUrl: string;
  stop(): Promise<void>;
}

/**
 * The API and the web page on 127.0.0.1: the very router the Lambda function runs, with the
 * local bearer token standing in for Cognito, and the page's static files beside it.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const token = options.token ?? newLocalToken();
  const api = createApi({
    dependencies: apiDependencies(options.env, options.clients),
    authenticate: localTokenAuthenticator(token),
  });
  const server = createServer((request, response) => {
    serve(request, response, api, options.subscriptions).catch((error: unknown) => {
      options.log?.(`api-server: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "internal", message: "internal error" }));
    });
  });
  await listen(server, options.port ?? 0);
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("api server has no TCP address");
  const url = `http://127.0.0.1:${address.port}/`;
  return {
    url,
    apiUrl: `${url.slice(0, -1)}${API_PREFIX}`,
    token,
    signInUrl: `${url}#token=${token}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  api: HttpHandler,
  subscriptions: HttpHandler | undefined,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const underApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
  const underSubscriptions =
    subscriptions !== undefined &&
    (url.pathname === SUBSCRIPTIONS_PREFIX || url.pathname.startsWith(`${SUBSCRIPTIONS_PREFIX}/`));
  if (underApi) {
    await serveNodeRequest(request, response, api, API_PREFIX);
    return;
  }
  if (underSubscriptions) {
    await serveNodeRequest(request, response, subscriptions, "");
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  if (url.pathname === "/config.json") {
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[".json"]!,
      "cache-control": "no-store",
      ...SECURITY_HEADERS,
    });
    response.end(JSON.stringify({ apiBase: API_PREFIX, auth: { mode: "local" } }));
    return;
  }
  const file = url.pathname === "/" ? "index.html" : url.pathname.slice(1);
  const resolved = path.resolve(WEB_DIR, file);
  const type = CONTENT_TYPES[path.extname(resolved)];
  if (!resolved.startsWith(`${WEB_DIR}${path.sep}`) || type === undefined) {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  try {
    const content = await readFile(resolved);
    response.writeHead(200, { "content-type": type, "cache-control": "no-cache", ...SECURITY_HEADERS });
    response.end(request.method === "HEAD" ? undefined : content);
  } catch {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}
