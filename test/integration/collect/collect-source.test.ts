import { readFileSync } from "node:fs";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { ChangeStore } from "#shared/changes/change-store.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { type CollectDependencies, collectSource } from "#shared/collect/collect-source.js";
import type { HttpDownloadOptions } from "#shared/collect/http-release-download.js";
import { sha256Hex } from "#shared/evidence/evidence-archive.js";
import { DynamoReleaseStore } from "#shared/releases/dynamo-release-store.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import type { CodeSetSource } from "#shared/sources/source.js";
import { neverRespond, respondWithStatus, serveTruncated } from "../../../infra/local/mirror-failures.js";
import type { MirrorHandler } from "../../../infra/local/source-mirror.js";
import { zipOf } from "../../fixtures/zip-of.js";
import { FIXTURES_DIR, useLocalStack } from "../support/local-stack.js";
import { noWaitHttp } from "../support/no-wait-http.js";
import { icd10cmExcerpts, serveZip } from "../support/order-file-excerpts.js";

const local = useLocalStack();
// Small real releases: the collector's behaviour does not depend on a year's size, and the CMS
// counts on the full years are proven once, in test/unit/diff/diff-snapshots.test.ts.
const excerpts = await icd10cmExcerpts();
const { FY2018, FY2019 } = excerpts;
const FY2019_URL = FY2019.files[0]!.url;

/** Each test gets its own source (state, change log, archive prefix) and serves what it needs. */
function sourceNamed(id: string): CodeSetSource {
  return { ...icd10cm, id };
}

afterEach(() => local.stack.mirror.clearOverrides());

function deps(
  overrides: Partial<CollectDependencies> = {},
  http: HttpDownloadOptions = {},
): CollectDependencies {
  return collectDependencies(local.env, local.clients, { http: noWaitHttp([], http), ...overrides });
}

function changes(): ChangeStore {
  return new ChangeStore(local.clients.dynamo, local.env.changesTable);
}

function releases(): DynamoReleaseStore {
  return new DynamoReleaseStore(local.clients.dynamo, local.env.sourcesTable);
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

/** A source of its own that has collected the FY2018 excerpt as its baseline. */
async function onFy2018(id: string): Promise<CodeSetSource> {
  const source = sourceNamed(id);
  excerpts.serve(local.stack.mirror, FY2018);
  expect((await collectSource(source, deps(), { release: FY2018 })).status).toBe("baseline");
  return source;
}

describe("collecting ICD-10-CM releases into the local stack", () => {
  it("records the first release as a baseline and the next as CMS-counted changes with evidence", async () => {
    const source = sourceNamed("icd10cm-baseline-then-changes");
    excerpts.serve(local.stack.mirror, FY2018);
    const baseline = await collectSource(source, deps(), { release: FY2018 });
    expect(baseline.status).toBe("baseline");
    expect(baseline.records).toBe(233);
    expect(await storedChanges(source.id)).toHaveLength(0);

    excerpts.serve(local.stack.mirror, FY2019);
    const run = await collectSource(source, deps(), { release: FY2019 });
    expect(run.status).toBe("succeeded");
    expect(run.summary).toMatchObject({ added: 16, deleted: 6, revised: 8 });
    const stored = await storedChanges(source.id);
    expect(stored).toHaveLength(32);
    expect(run.changesWritten).toBe(32);

    const expanded = stored.find((change) => change.key === "P742")!;
    expect(expanded).toMatchObject({
      changeType: "deleted",
      reason: "expanded-to-header",
      version: "FY2019",
    });
    expect(expanded.evidence.url).toBe(FY2019_URL);
    expect(expanded.evidence.sha256).toBe(sha256Hex(excerpts.zip(FY2019)));
    expect(await rawObjects(source.id)).toContain(expanded.evidence.archiveKey);

    const state = await releases().state(source.id);
    expect(state).toMatchObject({ currentVersion: "FY2019", lastRunStatus: "succeeded" });
  });

  it("writes nothing the second time the same release is collected", async () => {
    const source = await onFy2018("icd10cm-collected-twice");
    excerpts.serve(local.stack.mirror, FY2019);
    expect((await collectSource(source, deps(), { release: FY2019 })).status).toBe("succeeded");
    const before = await storedChanges(source.id);
    expect(before).toHaveLength(32);

    const again = await collectSource(source, deps(), { release: FY2019 });
    expect(again.status).toBe("unchanged");
    expect(again.changesWritten ?? 0).toBe(0);
    const after = await storedChanges(source.id);
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
  });

  it("a run retried after dying mid-write stores each change once, with the first attempt's detection time", async () => {
    const source = await onFy2018("icd10cm-retry");
    excerpts.serve(local.stack.mirror, FY2019);
    const realStore = changes();
    const dying = {
      write: async (records: Parameters<ChangeStore["write"]>[0]) => {
        await realStore.write(records.slice(0, 10));
        throw new Error("Lambda timed out mid-write");
      },
    } as unknown as ChangeStore;

    const crashed = await collectSource(source, deps({ changes: dying }), { release: FY2019 });
    expect(crashed.status).toBe("failed");
    expect(crashed.reason).toContain("mid-write");
    expect((await releases().state(source.id)).currentVersion).toBe("FY2018");
    const partial = await storedChanges(source.id);
    expect(partial).toHaveLength(10);

    const retried = await collectSource(source, deps(), { release: FY2019 });
    expect(retried.status).toBe("succeeded");
    const stored = await storedChanges(source.id);
    expect(stored).toHaveLength(32);
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
      async () => serveZip(await zipOf({ "icd10cm_order_2019.txt": "" })),
      /0 records|no records|empty/i,
    ],
    // The publisher's real FY2019 zip, cut off: only the archive's own structure can tell.
    ["a truncated zip", async () => serveTruncated(0.6), /truncat|corrupt|zip/i],
    [
      "a zip bomb",
      async () => serveZip(await zipOf({ "icd10cm_order_2019.txt": Buffer.alloc(64 * 1024 * 1024, 0x20) })),
      /ratio|too large|bomb/i,
    ],
    [
      "a file in another layout",
      async () =>
        serveZip(
          await zipOf({
            "icd10cm_order_2019.txt": readFileSync(
              path.join(FIXTURES_DIR, "hcpcs/HCPC2026_OCT_ANWEB.excerpt.csv"),
            ),
          }),
        ),
      /looks like an HCPCS Level II ANWEB file \(CSV\), not ICD-10-CM/,
    ],
    [
      "an HTML page instead of the zip",
      async () => serveZip(Buffer.from("<!doctype html><title>Access denied</title>"), "text/html"),
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
        const lines = excerpts.text(FY2019).toString("latin1").split("\r\n");
        const kept = lines.filter((_, index) => index % 3 !== 0).join("\r\n");
        return serveZip(await zipOf({ "icd10cm_order_2019.txt": Buffer.from(kept, "latin1") }));
      },
      /removes \d+ of 233 records .* above the 20\.0% limit/,
    ],
  ];

  for (const [name, serve, reason, http] of cases) {
    it(`${name}: the run fails, the source stays on FY2018, and the next good run recovers`, async () => {
      const source = await onFy2018(`icd10cm-bad-${name.replace(/\W+/g, "-")}`);
      local.stack.mirror.override(FY2019_URL, await serve());
      const run = await collectSource(source, deps({}, http), { release: FY2019 });
      expect(run.status).toBe("failed");
      expect(run.reason).toMatch(reason);
      expect(await storedChanges(source.id)).toHaveLength(0);
      const state = await releases().state(source.id);
      expect(state).toMatchObject({ currentVersion: "FY2018", lastRunStatus: "failed" });
      expect(state.lastError).toBe(run.reason);
      expect((await releases().releases(source.id)).map((r) => r.version)).toEqual(["FY2018"]);
      expect(await rawObjects(source.id)).toHaveLength(1);

      excerpts.serve(local.stack.mirror, FY2019);
      const recovered = await collectSource(source, deps(), { release: FY2019 });
      expect(recovered.status).toBe("succeeded");
      expect(recovered.summary).toMatchObject({ added: 16, deleted: 6, revised: 8 });
      expect((await releases().state(source.id)).lastError).toBeUndefined();
    });
  }
});
