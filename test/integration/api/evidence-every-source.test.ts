import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { extractEntry, listEntries } from "#shared/archive/zip.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { type CodeSetSource, isCodeSet } from "#shared/sources/source.js";
import { zipOf } from "../../fixtures/zip-of.js";
import { FIXTURES_DIR } from "../support/local-stack.js";
import { TEST_TOKEN, useReplayedApi } from "./support/replayed-api.js";

// Every catalog source's recorded releases and document moments, through the real collector.
const replayed = useReplayedApi(SOURCE_CATALOG.map((source) => source.id));

interface EvidenceView {
  url: string;
  sha256: string;
  downloadPath: string;
}
interface Change {
  sourceId: string;
  code: string;
  evidence: EvidenceView;
  moreEvidence?: EvidenceView[];
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function get(pathAndQuery: string, init: RequestInit = {}) {
  return fetch(`${replayed.server.apiUrl}${pathAndQuery}`, {
    redirect: "manual",
    ...init,
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
  });
}

async function changesOf(sourceId: string): Promise<Change[]> {
  const response = await get(`/changes?source=${sourceId}&limit=20`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { changes: Change[] }).changes;
}

/**
 * A source recorded with one release only has a baseline and no change. Its next release is made
 * from the recorded one with its last record left out, served at a name of its own: a real change
 * whose evidence is a file the recording never had.
 */
async function collectDerivedRelease(source: CodeSetSource): Promise<void> {
  const manifest = loadReplayManifest(FIXTURES_DIR);
  const [recorded] = await recordedReleases(source, manifest);
  const release = recorded as ReleaseCandidate;
  const files = [];
  for (const file of release.files) {
    const served = (await replayed.local.stack.mirror.recorded(file.url))!.body;
    const next = file.url.replace(/(\.\w+)$/, "-next$1");
    const entry = (await listEntries(served)).find((e) => !e.name.endsWith("/"))!.name;
    const text = (
      await extractEntry(served, [new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`)])
    ).bytes;
    const lines = text.toString("latin1").trimEnd().split("\n");
    const body = await zipOf({ [entry]: Buffer.from(`${lines.slice(0, -1).join("\n")}\n`, "latin1") });
    replayed.local.stack.mirror.override(next, (_request, response) => {
      response.writeHead(200, { "content-type": "application/zip", "content-length": String(body.length) });
      response.end(body);
    });
    files.push({ ...file, url: next });
  }
  const deps = collectDependencies(replayed.local.env, replayed.local.clients);
  const run = await collectSource(source, deps, {
    release: { version: `${release.version}-next`, effectiveDate: release.effectiveDate, files },
  });
  expect(run.status, run.reason).toBe("succeeded");
}

beforeAll(async () => {
  for (const source of SOURCE_CATALOG) {
    if (isCodeSet(source) && (await changesOf(source.id)).length === 0) await collectDerivedRelease(source);
  }
}, 300_000);

describe("for every catalog source, a change's evidence downloads to the bytes its sha256 names", () => {
  it.each(SOURCE_CATALOG.map((source) => source.id))("%s", async (sourceId) => {
    const changes = await changesOf(sourceId);
    expect(changes.length, `${sourceId} has changes`).toBeGreaterThan(0);
    // Each distinct file the changes point at, primary and further evidence alike.
    const files = new Map<string, EvidenceView>();
    for (const change of changes)
      for (const file of [change.evidence, ...(change.moreEvidence ?? [])]) files.set(file.sha256, file);
    for (const file of files.values()) {
      const link = await get(`${file.downloadPath}?as=link`);
      expect(link.status, `${sourceId} ${file.url}`).toBe(200);
      const { url, sourceUrl } = (await link.json()) as { url: string; sourceUrl: string };
      // S3 metadata is ASCII: the archive keeps the URL percent-encoded.
      expect(decodeURI(sourceUrl)).toBe(decodeURI(file.url));
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      expect(sha256(bytes), `${sourceId} ${file.url}`).toBe(file.sha256);
      // The plain GET redirects to the same file.
      const redirect = await get(file.downloadPath);
      expect(redirect.status).toBe(302);
      const followed = new Uint8Array(await (await fetch(redirect.headers.get("location")!)).arrayBuffer());
      expect(sha256(followed)).toBe(file.sha256);
    }
  });

  it("the CSV export's evidence_sha256 is the sha256 of the file each change points at", async () => {
    const response = await get("/changes/export?format=csv&source=ncci-ptp-practitioner");
    expect(response.status).toBe(200);
    const [header, ...rows] = (await response.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const column = header!.split(",").indexOf("evidence_sha256");
    const shown = new Set(rows.map((row) => row.split(",")[column]));
    const pointed = new Set((await changesOf("ncci-ptp-practitioner")).map((c) => c.evidence.sha256));
    expect(shown).toEqual(pointed);
    // Its two parts, each the evidence of the edits it holds.
    expect(shown.size).toBe(2);
  });
});
