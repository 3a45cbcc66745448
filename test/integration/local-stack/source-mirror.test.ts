import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { loadReplayManifest, snapshotPrefix } from "#shared/replay/replay-manifest.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { isCodeSet } from "#shared/sources/source.js";
import { neverRespond, respondWithStatus, serveTruncated } from "../../../infra/local/mirror-failures.js";
import { mirrorPath, type SourceMirror, startSourceMirror } from "../../../infra/local/source-mirror.js";
import { FIXTURES_DIR } from "../support/local-stack.js";

const FY2019_URL = "https://www.cms.gov/files/zip/2019-code-descriptions-tabular-order.zip";

interface ZipEntryContent {
  readonly name: string;
  readonly bytes: Buffer;
}

function unzip(zip: Buffer): Promise<ZipEntryContent[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (openError, archive) => {
      if (openError || !archive) return reject(openError);
      const entries: ZipEntryContent[] = [];
      archive.on("error", reject);
      archive.on("end", () => resolve(entries));
      archive.on("entry", (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}

let mirror: SourceMirror;
beforeAll(async () => {
  mirror = await startSourceMirror({ fixturesDir: FIXTURES_DIR });
});
afterAll(() => mirror.stop());
afterEach(() => mirror.clearOverrides());

describe("recorded-source mirror", () => {
  it("serves the ICD-10-CM FY2019 URL as its zip: the addenda first, then the order file with the fixture's lines", async () => {
    expect(mirror.mirrorUrl(FY2019_URL)).toBe(
      `${mirror.url}/www.cms.gov/files/zip/2019-code-descriptions-tabular-order.zip`,
    );
    const response = await fetch(mirror.mirrorUrl(FY2019_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");

    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    // Laid out like CDC's April zips (test/fixtures/icd10cm/README.md): the addenda comes first.
    expect(entries.map((entry) => entry.name)).toEqual([
      "icd10cm-order-addenda-2019.txt",
      "icd10cm-order-2019.txt",
    ]);
    const served = entries[1]!.bytes.toString("utf8").split("\r\n");
    const fixture = gunzipSync(await readFile(path.join(FIXTURES_DIR, "codesets/icd10cm_order_2019.txt.gz")))
      .toString("utf8")
      .split("\r\n");
    expect(served).toEqual(fixture);
    // PROVENANCE.md: the complete FY2019 order file has 94,444 lines.
    expect(served.filter((line) => line !== "")).toHaveLength(94_444);
  });

  it("serves the publishers' pages at their production paths, for discovery to read", async () => {
    const response = await fetch(
      mirror.mirrorUrl("https://www.cms.gov/medicare/coding-billing/icd-10-codes"),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain('href="/medicare/coding-billing/icd-10-codes/2019-icd-10-cm"');
  });

  it("answers a repeated request carrying the ETag with 304 and no body", async () => {
    const first = await fetch(mirror.mirrorUrl(FY2019_URL));
    await first.arrayBuffer();
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get("last-modified")).toBe("Mon, 01 Oct 2018 00:00:00 GMT");

    const again = await fetch(mirror.mirrorUrl(FY2019_URL), { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");

    const stale = await fetch(mirror.mirrorUrl(FY2019_URL), { headers: { "if-none-match": '"stale"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it("answers If-Modified-Since at or after Last-Modified with 304, and before it with 200", async () => {
    const notModified = await fetch(mirror.mirrorUrl(FY2019_URL), {
      headers: { "if-modified-since": "Mon, 01 Oct 2018 00:00:00 GMT" },
    });
    expect(notModified.status).toBe(304);
    const modified = await fetch(mirror.mirrorUrl(FY2019_URL), {
      headers: { "if-modified-since": "Sun, 30 Sep 2018 23:59:59 GMT" },
    });
    expect(modified.status).toBe(200);
    await modified.arrayBuffer();
  });

  it("the same release gets the same ETag from a fresh mirror", async () => {
    const other = await startSourceMirror({ fixturesDir: FIXTURES_DIR });
    try {
      const [a, b] = await Promise.all([mirror.recorded(FY2019_URL), other.recorded(FY2019_URL)]);
      expect(a?.etag).toBeDefined();
      expect(b?.etag).toBe(a?.etag);
    } finally {
      await other.stop();
    }
  });

  it("answers 404 for a path with no recording", async () => {
    const response = await fetch(
      `${mirror.url}/www.cms.gov/files/zip/2099-code-descriptions-tabular-order.zip`,
    );
    expect(response.status).toBe(404);
  });

  it("serves every file of every release the manifest lists at its production URL", async () => {
    const manifest = loadReplayManifest(FIXTURES_DIR);
    const codeSets = SOURCE_CATALOG.filter(isCodeSet).map((source) => source.id);
    expect(codeSets).toEqual(expect.arrayContaining(Object.keys(manifest.sources)));
    for (const file of Object.values(manifest.sources).flatMap((releases) =>
      releases.flatMap((r) => r.files),
    )) {
      const response = await fetch(mirror.mirrorUrl(file.url), { method: "HEAD" });
      expect(response.status, file.url).toBe(200);
      if (file.zipEntry) expect(response.headers.get("content-type"), file.url).toBe("application/zip");
    }
  });

  it("serves each document snapshot under its own prefix, and not at the bare URL", async () => {
    const manifest = loadReplayManifest(FIXTURES_DIR);
    const snapshots = Object.values(manifest.documents).flat();
    expect(snapshots.length).toBeGreaterThan(0);
    for (const snapshot of snapshots) {
      for (const file of snapshot.responses) {
        const at = `${mirror.url}${snapshotPrefix(snapshot.label)}${mirrorPath(file.url)}`;
        expect((await fetch(at, { method: "HEAD" })).status, at).toBe(200);
      }
    }
  });

  it("lets a test make a source fail with 500 and undo it", async () => {
    const undo = mirror.override(FY2019_URL, respondWithStatus(500));
    expect((await fetch(mirror.mirrorUrl(FY2019_URL))).status).toBe(500);
    undo();
    const restored = await fetch(mirror.mirrorUrl(FY2019_URL));
    expect(restored.status).toBe(200);
    await restored.arrayBuffer();
  });

  it("lets a test serve a truncated zip that no longer opens", async () => {
    mirror.override(FY2019_URL, serveTruncated(0.5));
    const response = await fetch(mirror.mirrorUrl(FY2019_URL));
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(Math.floor((await mirror.recorded(FY2019_URL))!.body.length * 0.5));
    await expect(unzip(body)).rejects.toThrow();
  });

  it("lets a test make a source hang until the client gives up", async () => {
    mirror.override(FY2019_URL, neverRespond());
    await expect(fetch(mirror.mirrorUrl(FY2019_URL), { signal: AbortSignal.timeout(300) })).rejects.toThrow();
  });

  it("lets a test add a route the manifest does not have", async () => {
    mirror.override("https://www.federalregister.gov/api/v1/documents.json?page=2", (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end('{"count":0}');
    });
    const response = await fetch(`${mirror.url}/www.federalregister.gov/api/v1/documents.json?page=2`);
    expect(await response.json()).toEqual({ count: 0 });
  });
});
