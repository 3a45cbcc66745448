import { describe, expect, it } from "vitest";
import { ChangeStore } from "#shared/changes/change-store.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { DynamoReleaseStore } from "#shared/releases/dynamo-release-store.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { hcpcs } from "#shared/sources/hcpcs.js";
import { FIXTURES_DIR, useLocalStack } from "../support/local-stack.js";
import { noWaitHttp } from "../support/no-wait-http.js";

const local = useLocalStack();
const manifest = loadReplayManifest(FIXTURES_DIR);
const [Q4_2024, Q4_2026] = (await recordedReleases(hcpcs, manifest)) as [ReleaseCandidate, ReleaseCandidate];

/**
 * The pipeline's backfill is proven on in-memory stores (test/unit/collect/backfill.test.ts); this
 * proves the DynamoDB store's half of it: the one transaction that completes the older release and
 * stops the later one being the baseline, conditional on it still being one.
 */
describe("backfill into the local stack's DynamoDB", () => {
  it("an older HCPCS quarter after the baseline: the baseline is rebased, its changes stored as history, the source stays", async () => {
    const deps = () => collectDependencies(local.env, local.clients, { http: noWaitHttp() });
    const releases = new DynamoReleaseStore(local.clients.dynamo, local.env.sourcesTable);
    const source = { ...hcpcs, id: "hcpcs-backfill" };
    expect((await collectSource(source, deps(), { release: Q4_2026 })).status).toBe("baseline");
    const state = await releases.state(source.id);

    const backfill = await collectSource(source, deps(), { release: Q4_2024 });
    expect(backfill).toMatchObject({ status: "baseline", history: true });
    expect(backfill.changesWritten).toBeGreaterThan(0);

    const [older, later] = await releases.releases(source.id);
    expect(older).toMatchObject({
      version: "HCPCS 2024 Q4",
      status: "complete",
      baseline: true,
      history: true,
    });
    expect(later).toMatchObject({
      version: "HCPCS 2026 Q4",
      baseline: false,
      previousReleaseKey: older!.releaseKey,
    });
    expect(later!.summary?.added).toBeGreaterThan(0);
    expect(await releases.state(source.id)).toMatchObject({
      currentReleaseKey: state.currentReleaseKey,
      revision: state.revision,
    });
    const store = new ChangeStore(local.clients.dynamo, local.env.changesTable);
    const stored = await store.all((cursor) => store.bySource(source.id, { cursor }));
    expect(stored).toHaveLength(backfill.changesWritten!);
    expect(stored.every((change) => change.history && change.version === "HCPCS 2026 Q4")).toBe(true);

    // Collected again: already there, nothing written, the later release rebased once.
    expect((await collectSource(source, deps(), { release: Q4_2024 })).status).toBe("unchanged");
    expect(await store.all((cursor) => store.bySource(source.id, { cursor }))).toHaveLength(stored.length);
  });
});
