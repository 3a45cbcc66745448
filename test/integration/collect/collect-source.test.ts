import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { ChangeStore } from "#shared/changes/change-store.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { type CollectDependencies, collectSource } from "#shared/collect/collect-source.js";
import type { HttpDownloadOptions } from "#shared/collect/http-release-download.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { sha256Hex } from "#shared/evidence/evidence-archive.js";
import { ReleaseStore } from "#shared/releases/release-store.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import type { CodeSetSource } from "#shared/sources/source.js";
import { neverRespond, respondWithStatus, serveTruncated } from "../../../infra/local/mirror-failures.js";
import type { MirrorHandler } from "../../../infra/local/source-mirror.js";
import { FIXTURES_DIR, useLocalStack } from "../support/local-stack.js";
import { noWaitHttp } from "../support/no-wait-http.js";
import { zipOf } from "../support/zip-payload.js";

const local = useLocalStack();
const manifest = loadReplayManifest(FIXTURES_DIR);
const [FY2018, FY2019] = (await recordedReleases(icd10cm, manifest)) as [ReleaseCandidate, ReleaseCandidate];
const FY2019_URL = FY2019.files[0]!.url;
const FY2019_TEXT = gunzipSync(readFileSync(path.join(FIXTURES_DIR, "codesets/icd10cm_order_2019.txt.gz")));

/** The real ICD-10-CM source under another id: its own state, change log and archive prefix. */
function sourceNamed(id: string): CodeSetSource {
  return { ...icd10cm, id };
}

function deps(
  overrides: Partial<CollectDependencies> = {},
  http: HttpDownloadOptions = {},
): CollectDependencies {
  return collectDependencies(local.env, local.clients, { http: noWaitHttp([], http), ...overrides });
}

function changes(): ChangeStore {
  return new ChangeStore(local.clients.dynamo, local.env.changesTable);
}

function releases(): ReleaseStore {
  return new ReleaseStore(local.clients.dynamo, local.env.sourcesTable);
}

async function storedChanges(sourceId: string) {
  const store = changes();
  return store.all((cursor) => store.bySource(sourceId, { cursor }));
}

async function rawObjects(sourceId: string): Promise<string[]> {
  const listed = await local.clients.s3.send(
    new ListObjectsV2Command({ Bucket: local.env.archiveBucket, Prefix: `raw/${sourceId}/` }),
  );
  return (listed.Contents ?? []).map((object) => object.Key!);
}

function serveBytes(bytes: Buffer, contentType = "application/zip"): MirrorHandler {
  return (_request, response) => {
    response
      .writeHead(200, { "content-type": contentType, "content-length": String(bytes.length) })
      .end(bytes);
  };
}

describe("collecting ICD-10-CM releases into the local stack", () => {
  it("records the first release as a baseline and the next as CMS-counted changes with evidence", async () => {
    const baseline = await collectSource(icd10cm, deps(), { release: FY2018 });
    expect(baseline.status).toBe("baseline");
    expect(baseline.records).toBe(94_127);
    expect(await storedChanges("icd10cm")).toHaveLength(0);

    const run = await collectSource(icd10cm, deps(), { release: FY2019 });
    expect(run.status).toBe("succeeded");
    expect(run.summary).toMatchObject({ added: 279, deleted: 51, revised: 143 });
    const stored = await storedChanges("icd10cm");
    expect(stored).toHaveLength(run.changesWritten!);

    const expanded = stored.find((change) => change.key === "P742")!;
    expect(expanded).toMatchObject({
      changeType: "deleted",
      reason: "expanded-to-header",
      version: "FY2019",
    });
    expect(expanded.evidence.url).toBe(FY2019_URL);
    const archived = await local.stack.mirror.recorded(FY2019_URL);
    expect(expanded.evidence.sha256).toBe(sha256Hex(archived!.body));
    expect(await rawObjects("icd10cm")).toContain(expanded.evidence.archiveKey);

    const state = await releases().state("icd10cm");
    expect(state).toMatchObject({ currentVersion: "FY2019", lastRunStatus: "succeeded" });
  });

  it("writes nothing the second time the same release is collected", async () => {
    const before = await storedChanges("icd10cm");
    const again = await collectSource(icd10cm, deps(), { release: FY2019 });
    expect(again.status).toBe("unchanged");
    expect(again.changesWritten ?? 0).toBe(0);
    const after = await storedChanges("icd10cm");
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
  });

  it("a run retried after dying mid-write stores each change once, with the first attempt's detection time", async () => {
    const source = sourceNamed("icd10cm-retry");
    await collectSource(source, deps(), { release: FY2018 });
    const realStore = changes();
    const dying = {
      write: async (records: Parameters<ChangeStore["write"]>[0]) => {
        await realStore.write(records.slice(0, 100));
        throw new Error("Lambda timed out mid-write");
      },
    } as unknown as ChangeStore;

    const crashed = await collectSource(source, deps({ changes: dying }), { release: FY2019 });
    expect(crashed.status).toBe("failed");
    expect(crashed.reason).toContain("mid-write");
    expect((await releases().state(source.id)).currentVersion).toBe("FY2018");
    const partial = await storedChanges(source.id);
    expect(partial).toHaveLength(100);

    const retried = await collectSource(source, deps(), { release: FY2019 });
    expect(retried.status).toBe("succeeded");
    const stored = await storedChanges(source.id);
    expect(stored).toHaveLength(retried.changesWritten!);
    expect(new Set(stored.map((c) => c.id)).size).toBe(stored.length);
    expect(new Set(stored.map((c) => c.detectedAt))).toEqual(new Set([partial[0]!.detectedAt]));
    expect((await releases().state(source.id)).currentVersion).toBe("FY2019");
  });
});

describe("bad input is a failed run with its reason, and nothing is written", () => {
  const cases: [
    name: string,
    serve: () => Promise<MirrorHandler>,
    reason: RegExp,
    http?: HttpDownloadOptions,
  ][] = [
    [
      "an empty order file",
      async () => serveBytes(await zipOf("icd10cm_order_2019.txt", "")),
      /0 records|no records|empty/i,
    ],
    ["a truncated zip", async () => serveTruncated(0.6), /truncat|corrupt|zip/i],
    [
      "a zip bomb",
      async () => serveBytes(await zipOf("icd10cm_order_2019.txt", Buffer.alloc(64 * 1024 * 1024, 0x20))),
      /ratio|too large|bomb/i,
    ],
    [
      "a file in another layout",
      async () =>
        serveBytes(
          await zipOf(
            "icd10cm_order_2019.txt",
            readFileSync(path.join(FIXTURES_DIR, "hcpcs/HCPC2026_OCT_ANWEB.excerpt.csv")),
          ),
        ),
      /line 1/i,
    ],
    [
      "an HTML page instead of the zip",
      async () => serveBytes(Buffer.from("<!doctype html><title>Access denied</title>"), "text/html"),
      /html|bot|unexpected|zip/i,
    ],
    ["HTTP 404", async () => respondWithStatus(404), /no release found/i],
    ["HTTP 500", async () => respondWithStatus(500), /500/],
    // The one case that waits on a timer: its own short timeout, per attempt.
    [
      "a server that never answers",
      async () => neverRespond(),
      /did not complete within 300 ms/,
      { timeoutMs: 300 },
    ],
    [
      "a release that would delete most codes",
      async () => {
        const lines = FY2019_TEXT.toString("latin1").split("\r\n");
        const kept = lines.filter((_, index) => index % 3 !== 0).join("\r\n");
        return serveBytes(await zipOf("icd10cm_order_2019.txt", Buffer.from(kept, "latin1")));
      },
      /removes \d+ of 94127 records .* above the 20\.0% limit/,
    ],
  ];

  beforeAll(() => {
    local.stack.mirror.clearOverrides();
  });

  for (const [name, serve, reason, http] of cases) {
    it(`${name}: the run fails, the source stays on FY2018, and the next good run recovers`, async () => {
      const source = sourceNamed(`icd10cm-bad-${name.replace(/\W+/g, "-")}`);
      await collectSource(source, deps(), { release: FY2018 });
      const undo = local.stack.mirror.override(FY2019_URL, await serve());
      let run: Awaited<ReturnType<typeof collectSource>>;
      try {
        run = await collectSource(source, deps({}, http), { release: FY2019 });
      } finally {
        undo();
      }
      expect(run.status).toBe("failed");
      expect(run.reason).toMatch(reason);
      expect(await storedChanges(source.id)).toHaveLength(0);
      const state = await releases().state(source.id);
      expect(state).toMatchObject({ currentVersion: "FY2018", lastRunStatus: "failed" });
      expect(state.lastError).toBe(run.reason);
      expect((await releases().releases(source.id)).map((r) => r.version)).toEqual(["FY2018"]);
      expect(await rawObjects(source.id)).toHaveLength(1);

      const recovered = await collectSource(source, deps(), { release: FY2019 });
      expect(recovered.status).toBe("succeeded");
      expect(recovered.summary).toMatchObject({ added: 279, deleted: 51 });
      expect((await releases().state(source.id)).lastError).toBeUndefined();
    });
  }
});
