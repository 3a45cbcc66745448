import { afterEach, describe, expect, it } from "vitest";
import { type FetchSourceFileOptions, fetchSourceFile } from "#shared/http/fetch-source-file.js";
import type { HttpRetryPolicy } from "#shared/http/retry-policy.js";
import { SourceFetchError } from "#shared/http/source-fetch-error.js";
import { USER_AGENT } from "#shared/http/user-agent.js";
import { type Answer, type ScriptedServer, startScriptedServer } from "./scripted-server.js";

const ZIP_BYTES = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 7)]);
const LAST_MODIFIED = "Tue, 01 Jul 2025 12:00:00 GMT";

/**
 * The retry policy's waits, recorded instead of slept (and its jitter fixed at none), so a test
 * asserts what the fetch waited for and retries take milliseconds, not seconds.
 */
function recordedWaits(adjust: Partial<HttpRetryPolicy> = {}) {
  const waits: number[] = [];
  const retry: Partial<HttpRetryPolicy> = {
    sleep: async (ms, signal) => {
      waits.push(ms);
      signal?.throwIfAborted();
    },
    random: () => 0,
    ...adjust,
  };
  return { waits, retry };
}

/** For tests about other things than waiting: retries without waiting at all. */
const FAST: FetchSourceFileOptions = { retry: { sleep: async () => {} } };

const servers: ScriptedServer[] = [];
async function serve(answer: Answer): Promise<ScriptedServer> {
  const server = await startScriptedServer(answer);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function failure(promise: Promise<unknown>): Promise<SourceFetchError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(SourceFetchError);
  return error as SourceFetchError;
}

describe("fetchSourceFile", () => {
  it("returns the bytes, validators, content type and fetch time of a 200, identifying itself", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, {
        "content-type": "application/zip",
        etag: '"v1"',
        "last-modified": LAST_MODIFIED,
      });
      response.end(ZIP_BYTES);
    });
    const now = () => new Date("2026-07-01T14:30:00Z");

    const result = await fetchSourceFile({ url: server.url("/files/zip/x.zip"), expect: "zip" }, { now });

    expect(result.status).toBe("fetched");
    if (result.status !== "fetched") return;
    expect(result.bytes.equals(ZIP_BYTES)).toBe(true);
    expect(result.url).toBe(server.url("/files/zip/x.zip"));
    expect(result.etag).toBe('"v1"');
    expect(result.lastModified).toBe(LAST_MODIFIED);
    expect(result.contentType).toBe("application/zip");
    expect(result.fetchedAt).toBe("2026-07-01T14:30:00.000Z");
    expect(server.requests[0]?.headers["user-agent"]).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(
      /^codecurrent\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/codecurrent\/codecurrent\)$/,
    );
  });

  it("sends the stored ETag as If-None-Match and reports a 304 as not modified", async () => {
    const server = await serve((request, response) => {
      if (request.headers["if-none-match"] === '"v1"') {
        response.writeHead(304).end();
      } else {
        response.writeHead(200, { etag: '"v1"' }).end(ZIP_BYTES);
      }
    });
    const url = server.url("/x.zip");

    const first = await fetchSourceFile({ url });
    expect(first.status).toBe("fetched");
    const etag = first.status === "fetched" ? first.etag : undefined;
    const second = await fetchSourceFile({ url, ...(etag ? { etag } : {}) });

    expect(second).toEqual({ status: "not-modified", url });
    expect(server.requests.map((request) => request.headers["if-none-match"])).toEqual([undefined, '"v1"']);
  });

  it("sends the stored Last-Modified as If-Modified-Since and reports a 304 as not modified", async () => {
    const server = await serve((request, response) => {
      if (request.headers["if-modified-since"] === LAST_MODIFIED) {
        response.writeHead(304).end();
      } else {
        response.writeHead(200, { "last-modified": LAST_MODIFIED }).end(ZIP_BYTES);
      }
    });
    const url = server.url("/x.zip");

    const first = await fetchSourceFile({ url });
    const lastModified = first.status === "fetched" ? first.lastModified : undefined;
    expect(lastModified).toBe(LAST_MODIFIED);
    const second = await fetchSourceFile({ url, ...(lastModified ? { lastModified } : {}) });

    expect(second.status).toBe("not-modified");
    expect(server.requests[1]?.headers["if-modified-since"]).toBe(LAST_MODIFIED);
  });

  it.each([404, 410])(
    "reports %i as not-found after a single request, so the next candidate URL can be tried",
    async (status) => {
      const server = await serve((_request, response) => response.writeHead(status).end("gone"));

      const error = await failure(fetchSourceFile({ url: server.url("/missing.zip") }, FAST));

      expect(error.reason).toBe("not-found");
      expect(error.status).toBe(status);
      expect(error.url).toBe(server.url("/missing.zip"));
      expect(server.requests).toHaveLength(1);
    },
  );

  it("does not retry a 400: a client error answers the same way again", async () => {
    const server = await serve((_request, response) => response.writeHead(400).end("bad"));

    const error = await failure(fetchSourceFile({ url: server.url("/x.zip") }, FAST));

    expect(error.reason).toBe("http-error");
    expect(error.status).toBe(400);
    expect(server.requests).toHaveLength(1);
  });

  it("names what an API said in its JSON error body (Federal Register style), on one line", async () => {
    const body = JSON.stringify({
      errors: { conditions: ["agencies: centers-for-medicare is not a valid agency"] },
    });
    const server = await serve((_request, response) =>
      response.writeHead(400, { "content-type": "application/json" }).end(`${body}\n`),
    );

    const error = await failure(
      fetchSourceFile({ url: server.url("/api/v1/documents.json"), expect: "json" }, FAST),
    );

    expect(error.reason).toBe("http-error");
    expect(error.message).toContain(`answered 400: ${body}`);
  });

  it("retries a 500 after the policy's backoff, doubling it, and succeeds when the publisher recovers", async () => {
    const server = await serve((_request, response, n) => {
      if (n <= 2) response.writeHead(500).end("oops");
      else response.writeHead(200).end(ZIP_BYTES);
    });
    const { waits, retry } = recordedWaits();

    const result = await fetchSourceFile({ url: server.url("/x.zip") }, { retry });

    expect(result.status).toBe("fetched");
    expect(server.requests).toHaveLength(3);
    // HTTP_RETRY_POLICY: 1 s, then 2 s (no jitter here); never a wait after the last attempt.
    expect(waits).toEqual([1_000, 2_000]);
  });

  it("gives up on a 500 that persists with http-error after the first attempt and every retry", async () => {
    const server = await serve((_request, response) => response.writeHead(503).end("down"));
    const { waits, retry } = recordedWaits({ retries: 2, minBackoffMs: 10 });

    const error = await failure(fetchSourceFile({ url: server.url("/x.zip") }, { retry }));

    expect(error.reason).toBe("http-error");
    expect(error.status).toBe(503);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain("after 3 attempts");
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
  });

  it("times out on a server that never answers, retrying the timeout", async () => {
    const server = await serve(() => {});
    const { waits, retry } = recordedWaits({ retries: 1 });

    const error = await failure(fetchSourceFile({ url: server.url("/x.zip") }, { timeoutMs: 150, retry }));

    expect(error.reason).toBe("timeout");
    expect(error.message).toContain("did not complete within 150 ms");
    // Counted by the client: on a busy machine the server may not have seen a request within 150 ms.
    expect(error.attempts).toBe(2);
    expect(waits).toEqual([1_000]);
  });

  it("times out on a body that stops halfway: the timeout covers the whole body, not just the headers", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "1000" });
      response.write(Buffer.alloc(10));
    });

    const error = await failure(
      fetchSourceFile({ url: server.url("/x.zip") }, { timeoutMs: 150, retry: { retries: 0 } }),
    );

    expect(error.reason).toBe("timeout");
  });

  it("refuses a streamed body over the byte cap, naming the cap", async () => {
    const server = await serve((_request, response) => {
      // Chunked, no Content-Length: only counting while streaming can catch it.
      response.writeHead(200);
      for (let i = 0; i < 64; i += 1) response.write(Buffer.alloc(1024));
      response.end();
    });

    const error = await failure(
      fetchSourceFile({ url: server.url("/big.zip") }, { ...FAST, maxBytes: 10_000 }),
    );

    expect(error.reason).toBe("too-large");
    expect(error.message).toContain("10000-byte cap");
    expect(server.requests).toHaveLength(1);
  });

  it("refuses a body whose Content-Length is over the cap before reading it", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-length": String(50_000) });
      response.end(Buffer.alloc(50_000));
    });

    const error = await failure(
      fetchSourceFile({ url: server.url("/big.zip") }, { ...FAST, maxBytes: 10_000 }),
    );

    expect(error.reason).toBe("too-large");
    expect(error.message).toContain("50000 bytes");
  });

  it("waits out a 429's Retry-After (seconds) instead of its backoff, and then succeeds", async () => {
    const server = await serve((_request, response, n) => {
      if (n === 1) response.writeHead(429, { "retry-after": "7" }).end();
      else response.writeHead(200).end(ZIP_BYTES);
    });
    const { waits, retry } = recordedWaits();

    const result = await fetchSourceFile({ url: server.url("/x.zip") }, { retry });

    expect(result.status).toBe("fetched");
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([7_000]);
  });

  it("waits out a 429's Retry-After given as an HTTP-date, counted from its own clock", async () => {
    const server = await serve((_request, response, n) => {
      if (n === 1) response.writeHead(429, { "retry-after": "Mon, 05 Jan 2026 12:00:30 GMT" }).end();
      else response.writeHead(200).end(ZIP_BYTES);
    });
    const { waits, retry } = recordedWaits();
    const now = () => new Date("2026-01-05T12:00:00Z");

    const result = await fetchSourceFile({ url: server.url("/x.zip") }, { retry, now });

    expect(result.status === "fetched" && result.fetchedAt).toBe("2026-01-05T12:00:00.000Z");
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([30_000]);
  });

  it("fails as rate-limited at once when Retry-After asks for longer than it will wait", async () => {
    const server = await serve((_request, response) =>
      response.writeHead(429, { "retry-after": "3600" }).end(),
    );
    const { waits, retry } = recordedWaits({ maxRetryAfterMs: 5_000 });

    const error = await failure(fetchSourceFile({ url: server.url("/x.zip") }, { retry }));

    expect(error.reason).toBe("rate-limited");
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("reports an HTML page served where a zip was expected as unexpected content", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<!DOCTYPE html><html><head><title>ICD-10 | CMS</title></head><body>Files</body></html>");
    });

    const error = await failure(fetchSourceFile({ url: server.url("/x.zip"), expect: "zip" }, FAST));

    expect(error.reason).toBe("unexpected-content");
    expect(error.message).toMatch(/is not zip content \(text\/html/);
    expect(server.requests).toHaveLength(1);
  });

  it("reports a challenge page served where a zip was expected as a bot check", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(
        "<html><body><h1>Please verify you are a human</h1><div class=captcha></div></body></html>",
      );
    });

    const error = await failure(fetchSourceFile({ url: server.url("/x.zip"), expect: "zip" }, FAST));

    expect(error.reason).toBe("bot-check");
  });

  it("reports a 403 HTML refusal as a bot check, without retrying", async () => {
    const server = await serve((_request, response) => {
      response.writeHead(403, { "content-type": "text/html" });
      response.end(
        "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don't have permission</BODY></HTML>",
      );
    });

    const error = await failure(fetchSourceFile({ url: server.url("/x.zip"), expect: "zip" }, FAST));

    expect(error.reason).toBe("bot-check");
    expect(error.status).toBe(403);
    expect(server.requests).toHaveLength(1);
  });

  it("accepts JSON and text bodies that match their expectation", async () => {
    const server = await serve((request, response) => {
      if (request.url === "/api.json")
        response.writeHead(200, { "content-type": "application/json" }).end('{"count":1}');
      else response.writeHead(200, { "content-type": "text/plain" }).end("A000    Cholera\r\n");
    });

    const json = await fetchSourceFile({ url: server.url("/api.json"), expect: "json" });
    const text = await fetchSourceFile({ url: server.url("/codes.txt"), expect: "text" });

    expect(json.status).toBe("fetched");
    expect(text.status).toBe("fetched");
  });

  it("follows a same-host redirect and reports the final URL", async () => {
    const server = await serve((request, response) => {
      if (request.url === "/old.zip") response.writeHead(301, { location: "/new.zip" }).end();
      else response.writeHead(200).end(ZIP_BYTES);
    });

    const result = await fetchSourceFile({ url: server.url("/old.zip"), expect: "zip" });

    expect(result.status === "fetched" && result.url).toBe(server.url("/new.zip"));
  });

  it("refuses a redirect off the publishers' hosts before requesting it (no blind hop)", async () => {
    const challenge = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<html>checking your browser</html>");
    });
    const publisher = await serve((_request, response) => {
      response.writeHead(302, { location: challenge.url("/challenge?ref=x") }).end();
    });

    const error = await failure(fetchSourceFile({ url: publisher.url("/x.zip"), expect: "zip" }, FAST));

    expect(error.reason).toBe("unexpected-redirect");
    expect(error.message).toMatch(/off the publishers' hosts: refused/);
    expect(error.finalUrl).toBe(challenge.url("/challenge?ref=x"));
    expect(challenge.requests).toHaveLength(0);
  });

  it("follows a redirect to a host on the allowlist", async () => {
    const elsewhere = await serve((_request, response) => response.writeHead(200).end(ZIP_BYTES));
    const publisher = await serve((_request, response) => {
      response.writeHead(302, { location: elsewhere.url("/x.zip") }).end();
    });

    const allowed = await fetchSourceFile(
      { url: publisher.url("/x.zip"), expect: "zip" },
      { redirects: { allowedHosts: [new URL(elsewhere.origin).host] } },
    );

    expect(allowed.status === "fetched" && allowed.url).toBe(elsewhere.url("/x.zip"));
  });

  it("refuses a redirect from https to http, even on the same host", async () => {
    const asked: string[] = [];
    const fetchImpl = (async (input: string | URL | Request) => {
      asked.push(String(input));
      return new Response(null, { status: 301, headers: { location: "http://www.cms.gov/files/zip/x.zip" } });
    }) as typeof fetch;

    const error = await failure(
      fetchSourceFile({ url: "https://www.cms.gov/files/zip/x.zip", expect: "zip" }, { ...FAST, fetchImpl }),
    );

    expect(error.reason).toBe("insecure-redirect");
    expect(error.message).toMatch(/from https to http/);
    expect(asked).toEqual(["https://www.cms.gov/files/zip/x.zip"]);
  });

  it("gives up after the hop limit on a redirect loop", async () => {
    const server = await serve((request, response) => {
      const n = Number(/\/(\d+)$/.exec(request.url ?? "")?.[1] ?? 0);
      response.writeHead(302, { location: `/hop/${n + 1}` }).end();
    });

    const error = await failure(
      fetchSourceFile({ url: server.url("/hop/0"), expect: "zip" }, { ...FAST, redirects: { maxHops: 3 } }),
    );

    expect(error.reason).toBe("too-many-redirects");
    expect(server.requests).toHaveLength(4);
  });

  it("reports a refused connection as a network error after retrying it", async () => {
    const server = await serve(() => {});
    const url = server.url("/x.zip");
    await server.close();
    servers.length = 0;

    const { waits, retry } = recordedWaits({ retries: 1 });

    const error = await failure(fetchSourceFile({ url }, { retry }));

    expect(error.reason).toBe("network");
    expect(error.attempts).toBe(2);
    expect(error.message).toContain("ECONNREFUSED");
    expect(waits).toEqual([1_000]);
  });

  it("uses an injected fetch instead of the network", async () => {
    const calls: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(new Uint8Array(ZIP_BYTES), { status: 200, headers: { etag: '"fake"' } });
    };

    const result = await fetchSourceFile(
      { url: "https://www.cms.gov/files/zip/x.zip", expect: "zip" },
      { fetchImpl },
    );

    expect(calls).toEqual(["https://www.cms.gov/files/zip/x.zip"]);
    expect(result.status === "fetched" && result.etag).toBe('"fake"');
  });

  it("stops retrying when the caller's signal aborts, also in the middle of a wait", async () => {
    const server = await serve((_request, response) => response.writeHead(500).end());
    const controller = new AbortController();
    const { waits, retry } = recordedWaits({
      retries: 10,
      // The Lambda runs out of time during the second wait.
      sleep: async (ms, signal) => {
        waits.push(ms);
        if (waits.length === 2) controller.abort(new Error("lambda out of time"));
        signal?.throwIfAborted();
      },
    });

    const outcome = await fetchSourceFile(
      { url: server.url("/x.zip") },
      { retry, signal: controller.signal },
    ).catch((error: unknown) => error);

    expect((outcome as Error).message).toBe("lambda out of time");
    expect(server.requests).toHaveLength(2);
    expect(waits).toHaveLength(2);
  });
});
