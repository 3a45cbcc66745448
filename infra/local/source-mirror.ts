import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  loadReplayManifest,
  type ReplayManifest,
  type ReplayRelease,
  snapshotPrefix,
} from "#shared/replay/replay-manifest.js";
import { loadRecordedRelease, type RecordedResponse } from "./recorded-release.js";

/**
 * Answers one request in place of the recorded file. `recorded` loads what the mirror would have
 * served at that path (undefined for a path with no recording), e.g. to send a truncated copy.
 */
export type MirrorHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  recorded: () => Promise<RecordedResponse | undefined>,
) => void | Promise<void>;

export interface SourceMirror {
  /** Base URL to set as CODECURRENT_SOURCE_MIRROR, e.g. `http://127.0.0.1:41237`. */
  readonly url: string;
  /** Where a production URL is served on this mirror. */
  mirrorUrl(productionUrl: string): string;
  /**
   * Serves `target` (a production URL or a mirror path such as `/www.cms.gov/files/zip/x.zip`)
   * with `handler` instead, for any path, recorded or not. Returns a function undoing it.
   */
  override(target: string, handler: MirrorHandler): () => void;
  /** Undoes every override. */
  clearOverrides(): void;
  /** What the mirror serves for `target` without overrides; undefined when nothing is recorded there. */
  recorded(target: string): Promise<RecordedResponse | undefined>;
  stop(): Promise<void>;
}

export interface SourceMirrorOptions {
  readonly fixturesDir: string;
  /** Default: the manifest under `fixturesDir`. */
  readonly manifest?: ReplayManifest;
  readonly log?: (line: string) => void;
}

/**
 * The publishers' side of a local run: an HTTP server on 127.0.0.1 that serves recorded real
 * source files at `/<host>/<path>`, with the validators (ETag, Last-Modified) and conditional-GET
 * answers the collectors rely on, so the real fetch code runs unchanged.
 */
export async function startSourceMirror(options: SourceMirrorOptions): Promise<SourceMirror> {
  const manifest = options.manifest ?? loadReplayManifest(options.fixturesDir);
  const releases = new Map<string, ReplayRelease>();
  for (const release of Object.values(manifest.sources).flat()) {
    for (const file of release.files)
      releases.set(mirrorPath(file.url), { ...release, ...file, files: [file] });
  }
  // Publisher pages and listings, at their production paths: discovery reads them.
  for (const page of manifest.pages) {
    releases.set(mirrorPath(page.url), {
      version: "page",
      effectiveDate: "2026-01-01",
      ...page,
      files: [page],
    });
  }
  // Document snapshots: the same URL at several moments, each under its own prefix.
  for (const snapshot of Object.values(manifest.documents).flat()) {
    for (const file of snapshot.responses) {
      releases.set(`${snapshotPrefix(snapshot.label)}${mirrorPath(file.url)}`, {
        version: snapshot.label,
        effectiveDate: snapshot.capturedAt,
        ...file,
        files: [file],
      });
    }
  }
  const loaded = new Map<string, Promise<RecordedResponse>>();
  const overrides = new Map<string, MirrorHandler>();

  const recordedAt = (key: string): Promise<RecordedResponse | undefined> => {
    const release = releases.get(key);
    if (release === undefined) return Promise.resolve(undefined);
    let response = loaded.get(key);
    if (response === undefined) {
      response = loadRecordedRelease(options.fixturesDir, release);
      // A missing fixture may be added while the mirror runs; only successes are kept.
      response.catch(() => loaded.delete(key));
      loaded.set(key, response);
    }
    return response;
  };

  const server = createServer((request, response) => {
    const key = requestKey(request);
    const override = overrides.get(key);
    const answer = override
      ? Promise.resolve(override(request, response, () => recordedAt(key)))
      : serveRecorded(request, response, () => recordedAt(key));
    answer
      .then(() =>
        options.log?.(
          `mirror: ${request.method} ${key} ${response.statusCode}${override ? " (override)" : ""}`,
        ),
      )
      .catch((error: unknown) => {
        options.log?.(`mirror: ${request.method} ${key} failed: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        response.end(`mirror could not serve ${key}: ${String(error)}\n`);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  options.log?.(`mirror: recorded sources on ${url} (${releases.size} releases)`);

  const keyOf = (target: string) =>
    target.startsWith("/") ? new URL(target, url).pathname : mirrorPath(target);
  return {
    url,
    mirrorUrl: (productionUrl) => `${url}${mirrorPath(productionUrl)}`,
    override(target, handler) {
      const key = keyOf(target);
      overrides.set(key, handler);
      return () => {
        if (overrides.get(key) === handler) overrides.delete(key);
      };
    },
    clearOverrides: () => overrides.clear(),
    recorded: (target) => recordedAt(keyOf(target)),
    async stop() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      // Hanging overrides and idle keep-alive sockets would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}

/** `https://www.cms.gov/files/zip/x.zip` → `/www.cms.gov/files/zip/x.zip` (query kept). */
export function mirrorPath(productionUrl: string): string {
  const url = new URL(productionUrl);
  return `/${url.host}${url.pathname}${url.search}`;
}

function requestKey(request: IncomingMessage): string {
  const url = new URL(request.url ?? "/", "http://mirror.invalid");
  return `${url.pathname}${url.search}`;
}

async function serveRecorded(
  request: IncomingMessage,
  response: ServerResponse,
  recorded: () => Promise<RecordedResponse | undefined>,
): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const file = await recorded();
  if (file === undefined) {
    response
      .writeHead(404, { "content-type": "text/plain; charset=utf-8" })
      .end("no recording at this path\n");
    return;
  }
  const validators = { etag: file.etag, "last-modified": file.lastModified.toUTCString() };
  if (notModified(request, file)) {
    response.writeHead(304, validators).end();
    return;
  }
  response.writeHead(200, {
    ...validators,
    "content-type": file.contentType,
    "content-length": String(file.body.length),
  });
  response.end(request.method === "HEAD" ? undefined : file.body);
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it. */
function notModified(request: IncomingMessage, file: RecordedResponse): boolean {
  const ifNoneMatch = request.headers["if-none-match"];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(",")
      .map((tag) => tag.trim().replace(/^W\//, ""))
      .some((tag) => tag === "*" || tag === file.etag);
  }
  const ifModifiedSince = request.headers["if-modified-since"];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && file.lastModified.getTime() <= since;
}
