import { readFileSync } from "node:fs";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { ChangeStore } from "#shared/changes/change-store.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { type CollectDependencies, collectSource } from "#shared/collect/collect-source.js";
import { replayDocumentSnapshots } from "#shared/collect/replay.js";
import { sha256Hex } from "#shared/evidence/evidence-archive.js";
import { DynamoReleaseStore } from "#shared/releases/dynamo-release-store.js";
import { loadReplayManifest, snapshotPrefix } from "#shared/replay/replay-manifest.js";
import { cmsNewsroom } from "#shared/sources/cms-newsroom.js";
import { cmsTransmittals } from "#shared/sources/cms-transmittals.js";
import { federalRegister, federalRegisterListingUrl } from "#shared/sources/federal-register.js";
import { oigWorkplan } from "#shared/sources/oig-workplan.js";
import type { DocumentSource } from "#shared/sources/source.js";
import type { MirrorHandler } from "../../../infra/local/source-mirror.js";
import { FIXTURES_DIR, useLocalStack } from "../support/local-stack.js";
import { noWaitHttp } from "../support/no-wait-http.js";

const local = useLocalStack();

const FEDERAL_REGISTER = federalRegisterListingUrl();
const NEWSROOM = "https://www.cms.gov/newsroom/rss-feeds/all-press-releases-and-fact-sheets/feed";
const OIG_EXPORT = "https://oig.hhs.gov/workplan/export-workplan/";
const TRANSMITTALS = "https://www.cms.gov/medicare/regulations-guidance/transmittals";
const LISTING_2026 = `${TRANSMITTALS}/2026-transmittals`;

const fixture = (relative: string) => readFileSync(path.join(FIXTURES_DIR, relative));

/** `waits` receives the waits the retry policy asked for, taken at once instead of slept. */
function deps(waits: number[] = []): CollectDependencies {
  return collectDependencies(local.env, local.clients, { http: noWaitHttp(waits) });
}

/** The mirror answers `url` with `body`, as the publisher would at that moment. */
function publish(url: string, body: Buffer | string, contentType: string): void {
  local.stack.mirror.override(url, serve(Buffer.from(body), contentType));
}

function serve(body: Buffer, contentType: string): MirrorHandler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": contentType, "content-length": String(body.length) }).end(body);
  };
}

/** The real source under another id: its own state, change log and archive prefix. */
function named(source: DocumentSource, id: string): DocumentSource {
  return { ...source, id };
}

async function storedChanges(sourceId: string) {
  const store = new ChangeStore(local.clients.dynamo, local.env.changesTable);
  return store.all((cursor) => store.bySource(sourceId, { cursor }));
}

async function sourceState(sourceId: string) {
  return new DynamoReleaseStore(local.clients.dynamo, local.env.sourcesTable).state(sourceId);
}

afterEach(() => local.stack.mirror.clearOverrides());

describe("collecting Federal Register rules into the local stack", () => {
  const JSON_TYPE = "application/json; charset=utf-8";
  const EARLIER = fixture("federal-register/documents-cms-pfs-page1.earlier.derived.json");
  const REAL = fixture("federal-register/documents-cms-pfs-page1.json");

  /** A Federal Register source of its own that has collected the earlier listing as its baseline. */
  async function collectedEarlier(id: string): Promise<DocumentSource> {
    const source = named(federalRegister, id);
    publish(FEDERAL_REGISTER, EARLIER, JSON_TYPE);
    expect(await collectSource(source, deps())).toMatchObject({ status: "baseline", records: 17 });
    return source;
  }

  it("records the earlier listing as a baseline and the three newer rules as new documents with evidence", async () => {
    const source = await collectedEarlier("federal-register-new-rules");

    publish(FEDERAL_REGISTER, REAL, JSON_TYPE);
    const run = await collectSource(source, deps());
    expect(run.status).toBe("succeeded");
    expect(run.summary).toMatchObject({ added: 3, deleted: 0, revised: 0 });
    const stored = await storedChanges(source.id);
    expect(stored.map((change) => change.key).sort()).toEqual(["2026-13656", "2026-14327", "2026-15833"]);
    const ipps = stored.find((change) => change.key === "2026-15833")!;
    expect(ipps).toMatchObject({ changeType: "added", system: "federal-register" });
    expect(ipps.title).toMatch(/^Medicare Program; Hospital Inpatient Prospective Payment Systems/);
    expect(ipps.after).toMatchObject({ effective_on: "2026-10-01", topics: "ipps quality" });
    // The final rule takes effect when it says, not on the day it was collected.
    expect(ipps).toMatchObject({
      effectiveDate: "2026-10-01",
      document: {
        type: "Final rule",
        dateLabel: "effective",
        officialUrl: expect.stringMatching(
          /^https:\/\/www\.federalregister\.gov\/documents\/2026\/08\/04\/2026-15833\//,
        ),
      },
    });
    expect(ipps.evidence.url).toBe(FEDERAL_REGISTER);
    expect(ipps.evidence.sha256).toBe(sha256Hex(REAL));
    const archived = await local.clients.s3.send(
      new ListObjectsV2Command({ Bucket: local.env.archiveBucket, Prefix: `raw/${source.id}/` }),
    );
    expect((archived.Contents ?? []).map((object) => object.Key)).toContain(ipps.evidence.archiveKey);
  });

  it("writes nothing when the listing is read again unchanged", async () => {
    const source = await collectedEarlier("federal-register-unchanged");
    publish(FEDERAL_REGISTER, REAL, JSON_TYPE);
    expect((await collectSource(source, deps())).status).toBe("succeeded");
    const before = await storedChanges(source.id);
    expect(before).toHaveLength(3);

    const again = await collectSource(source, deps());
    expect(again.status).toBe("unchanged");
    expect((await storedChanges(source.id)).map((change) => change.id).sort()).toEqual(
      before.map((change) => change.id).sort(),
    );
  });

  it("writes nothing twice when a run dies before completing and the next day's run reads the same rules", async () => {
    const source = await collectedEarlier("federal-register-retried");
    publish(FEDERAL_REGISTER, REAL, JSON_TYPE);
    const store = new DynamoReleaseStore(local.clients.dynamo, local.env.sourcesTable);
    // The function stops after writing the changes, before the release is completed.
    const dying: CollectDependencies = {
      ...deps(),
      releases: Object.assign(Object.create(store), {
        complete: async () => {
          throw new Error("Task timed out after 300.00 seconds");
        },
      }),
      now: () => new Date("2026-08-05T12:00:00.000Z"),
    };
    expect(await collectSource(source, dying)).toMatchObject({ status: "failed" });
    const written = await storedChanges(source.id);
    expect(written).toHaveLength(3);

    const nextDay = await collectSource(source, {
      ...deps(),
      now: () => new Date("2026-08-06T12:00:00.000Z"),
    });
    expect(nextDay).toMatchObject({ status: "succeeded", changesWritten: 3 });
    const stored = await storedChanges(source.id);
    expect(stored.map((change) => change.id).sort()).toEqual(written.map((change) => change.id).sort());
    // The retry rewrote the first attempt's items: detected when the release was first seen.
    expect(new Set(stored.map((change) => change.detectedAt))).toEqual(new Set(["2026-08-05T12:00:00.000Z"]));
  });

  it("writes nothing twice when two runs read the same new rules at once", async () => {
    const source = await collectedEarlier("federal-register-overlap");
    publish(FEDERAL_REGISTER, REAL, JSON_TYPE);
    const runs = await Promise.all([collectSource(source, deps()), collectSource(source, deps())]);
    // One run completes the release; the other finds it done (by itself or by the first) and fails nothing.
    expect(runs.map((run) => run.status).sort()).toEqual(["succeeded", "unchanged"].sort());
    const stored = await storedChanges(source.id);
    expect(stored.map((change) => change.key).sort()).toEqual(["2026-13656", "2026-14327", "2026-15833"]);
  });

  it("fails with the API's message on a JSON error body, keeping the current snapshot", async () => {
    const source = await collectedEarlier("federal-register-api-error");
    const state = await sourceState(source.id);
    expect(state.currentReleaseKey).toBeDefined();
    publish(
      FEDERAL_REGISTER,
      JSON.stringify({ status: 500, message: "Search is temporarily unavailable" }),
      JSON_TYPE,
    );
    const run = await collectSource(source, deps());
    expect(run.status).toBe("failed");
    expect(run.reason).toContain("Search is temporarily unavailable");
    expect((await sourceState(source.id)).currentReleaseKey).toBe(state.currentReleaseKey);
  });

  it("fails on a bot-check page in place of JSON", async () => {
    publish(
      FEDERAL_REGISTER,
      "<!DOCTYPE html><html><body>Are you a robot? Enable JavaScript and cookies</body></html>",
      "text/html",
    );
    const run = await collectSource(named(federalRegister, "federal-register-bot-check"), deps());
    expect(run.status).toBe("failed");
    expect(run.reason).toMatch(/bot|HTML|expected/i);
  });

  it("waits out a 429's Retry-After and then reads the listing", async () => {
    const source = named(federalRegister, "federal-register-429");
    let requests = 0;
    const answerAfterWait: MirrorHandler = (request, response, recorded) => {
      requests += 1;
      if (requests === 1) {
        response.writeHead(429, { "retry-after": "5", "content-type": "text/plain" }).end("slow down\n");
        return;
      }
      return serve(REAL, JSON_TYPE)(request, response, recorded);
    };
    local.stack.mirror.override(FEDERAL_REGISTER, answerAfterWait);
    const waits: number[] = [];
    const run = await collectSource(source, deps(waits));
    expect(run).toMatchObject({ status: "baseline", records: 20 });
    expect(requests).toBe(2);
    expect(waits).toEqual([5_000]);
  });

  it("fails as rate-limited on a 429 whose Retry-After is too long to wait, writing nothing", async () => {
    const source = named(federalRegister, "federal-register-429-long");
    local.stack.mirror.override(FEDERAL_REGISTER, (_request, response) => {
      response
        .writeHead(429, { "retry-after": "86400", "content-type": "text/plain" })
        .end("come back tomorrow\n");
    });
    const run = await collectSource(source, deps());
    expect(run.status).toBe("failed");
    expect(run.reason).toContain("429");
    expect(await storedChanges(source.id)).toHaveLength(0);
    expect((await sourceState(source.id)).currentReleaseKey).toBeUndefined();
  });
});

describe("collecting the OIG Work Plan into the local stack", () => {
  const CSV = "text/csv; charset=utf-8";

  it("reports a new audit item and a status change, then nothing on an unchanged re-run", async () => {
    publish(OIG_EXPORT, fixture("oig-workplan/export-workplan.earlier.derived.csv"), CSV);
    expect(await collectSource(oigWorkplan, deps())).toMatchObject({ status: "baseline", records: 1 });

    publish(OIG_EXPORT, fixture("oig-workplan/export-workplan.excerpt.csv"), CSV);
    const run = await collectSource(oigWorkplan, deps());
    expect(run.summary).toMatchObject({ added: 1, deleted: 0, revised: 1 });
    const stored = await storedChanges("oig-workplan");
    expect(stored.find((change) => change.key === "A-01-20-01501")).toMatchObject({ changeType: "added" });
    expect(stored.find((change) => change.key === "A-01-21-00501")).toMatchObject({
      changeType: "revised",
      fields: [{ field: "status", before: "ACTIVE", after: "COMPLETED" }],
    });

    const again = await collectSource(oigWorkplan, deps());
    expect(again.status).toBe("unchanged");
    expect(await storedChanges("oig-workplan")).toHaveLength(stored.length);
  });
});

describe("collecting the CMS newsroom feed into the local stack", () => {
  // Constructed in the feed's documented shape: test/fixtures/cms-newsroom/README.md.
  const RSS = "application/rss+xml; charset=utf-8";

  it("reports a new item and an edited title; an item is keyed by its node id, not its garbled link", async () => {
    publish(NEWSROOM, fixture("cms-newsroom/newsroom-feed.earlier.constructed.xml"), RSS);
    expect(await collectSource(cmsNewsroom, deps())).toMatchObject({ status: "baseline", records: 3 });

    publish(NEWSROOM, fixture("cms-newsroom/newsroom-feed.constructed.xml"), RSS);
    const run = await collectSource(cmsNewsroom, deps());
    expect(run.summary).toMatchObject({ added: 1, deleted: 0, revised: 1 });
    const stored = await storedChanges("cms-newsroom");
    expect(stored.find((change) => change.key === "2120872")).toMatchObject({
      changeType: "added",
      after: expect.objectContaining({ topics: "cpt hcpcs e/m pfs telehealth", codes: "G0136 99213" }),
    });
    expect(stored.find((change) => change.key === "2120845")?.fields.map((field) => field.field)).toEqual([
      "title",
    ]);

    expect((await collectSource(cmsNewsroom, deps())).status).toBe("unchanged");
    expect(await storedChanges("cms-newsroom")).toHaveLength(stored.length);
  });

  it("fails on malformed XML and on a feed with no items, and keeps every item it knew", async () => {
    const source = named(cmsNewsroom, "cms-newsroom-broken-feed");
    publish(NEWSROOM, fixture("cms-newsroom/newsroom-feed.constructed.xml"), RSS);
    expect(await collectSource(source, deps())).toMatchObject({ status: "baseline", records: 4 });
    const state = await sourceState(source.id);
    const malformed = fixture("cms-newsroom/newsroom-feed.constructed.xml")
      .toString("utf8")
      .replace("</item>", "</title>");
    publish(NEWSROOM, malformed, RSS);
    const broken = await collectSource(source, deps());
    expect(broken.status).toBe("failed");
    expect(broken.reason).toMatch(/not a readable RSS or Atom feed/);

    publish(
      NEWSROOM,
      '<?xml version="1.0"?><rss version="2.0"><channel><title>CMS</title></channel></rss>',
      RSS,
    );
    const empty = await collectSource(source, deps());
    expect(empty.status).toBe("failed");
    expect(empty.reason).toMatch(/0 records/);

    expect((await sourceState(source.id)).currentReleaseKey).toBe(state.currentReleaseKey);
    expect(await storedChanges(source.id)).toEqual([]);
  });
});

describe("collecting CMS transmittals into the local stack", () => {
  // The landing page and listings are constructed in an assumed layout (test/fixtures/cms-transmittals/README.md).
  const HTML = "text/html; charset=utf-8";
  const landing = () =>
    publish(TRANSMITTALS, fixture("cms-transmittals/transmittals-page.constructed.html"), HTML);

  it("reports a new transmittal and reads only its detail page, not the known one's", async () => {
    landing();
    publish(LISTING_2026, fixture("cms-transmittals/listing-2026.earlier.constructed.html"), HTML);
    let knownPageReads = 0;
    const realPage = serve(fixture("cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html"), HTML);
    local.stack.mirror.override(`${LISTING_2026}/r13924cp`, (request, response, recorded) => {
      knownPageReads += 1;
      return realPage(request, response, recorded);
    });
    expect(await collectSource(cmsTransmittals, deps())).toMatchObject({ status: "baseline", records: 1 });
    expect(knownPageReads).toBe(1);

    publish(LISTING_2026, fixture("cms-transmittals/listing-2026.constructed.html"), HTML);
    publish(`${LISTING_2026}/r99901cp`, fixture("cms-transmittals/r99901cp.constructed.html"), HTML);
    const run = await collectSource(cmsTransmittals, deps());
    expect(run.summary).toMatchObject({ added: 1, deleted: 0, revised: 0 });
    expect(knownPageReads).toBe(1);
    const [added] = await storedChanges("cms-transmittals");
    expect(added).toMatchObject({
      key: "R99901CP",
      changeType: "added",
      after: expect.objectContaining({
        cr_number: "99901",
        implementation_date: "2027-01-04",
        codes: "99453 99454",
      }),
    });
    // Its own dates, not the day it was collected; evidenced by its detail page, then the listing.
    expect(added).toMatchObject({
      effectiveDate: "2027-01-04",
      document: { type: "Transmittal", dateLabel: "implementation", officialUrl: `${LISTING_2026}/r99901cp` },
    });
    expect(added!.evidence.url).toBe(`${LISTING_2026}/r99901cp`);
    expect(added!.evidence.sha256).toBe(sha256Hex(fixture("cms-transmittals/r99901cp.constructed.html")));
    expect(added!.moreEvidence?.map((file) => [file.url, file.sha256])).toEqual([
      [LISTING_2026, sha256Hex(fixture("cms-transmittals/listing-2026.constructed.html"))],
    ]);
  });

  it("fails, deleting nothing, when the listing's layout changed and no transmittal links are found", async () => {
    const source = named(cmsTransmittals, "cms-transmittals-restyled");
    landing();
    publish(LISTING_2026, fixture("cms-transmittals/listing-2026.earlier.constructed.html"), HTML);
    publish(
      `${LISTING_2026}/r13924cp`,
      fixture("cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html"),
      HTML,
    );
    expect(await collectSource(source, deps())).toMatchObject({ status: "baseline", records: 1 });
    const state = await sourceState(source.id);
    const restyled = fixture("cms-transmittals/listing-2026.constructed.html")
      .toString("utf8")
      .replaceAll("/2026-transmittals/", "/2026-transmittals#");
    publish(LISTING_2026, restyled, HTML);
    const run = await collectSource(source, deps());
    expect(run.status).toBe("failed");
    expect(run.reason).toMatch(/no transmittal detail links/);
    expect(await storedChanges(source.id)).toEqual([]);
    expect((await sourceState(source.id)).currentReleaseKey).toBe(state.currentReleaseKey);
  });
});

describe("replaying the recorded document snapshots, as npm start does", () => {
  const manifest = loadReplayManifest(FIXTURES_DIR);
  const expected: Record<string, { added: number; revised: number }> = {
    "federal-register": { added: 3, revised: 0 },
    "cms-transmittals": { added: 1, revised: 0 },
    "cms-newsroom": { added: 1, revised: 1 },
    "oig-workplan": { added: 1, revised: 1 },
  };

  it.each([federalRegister, cmsTransmittals, cmsNewsroom, oigWorkplan])(
    "$id: a baseline, then new and changed documents from the later snapshot",
    async (source) => {
      const replayed = named(source, `${source.id}-replay`);
      const snapshots = manifest.documents[source.id] ?? [];
      expect(snapshots.length).toBeGreaterThanOrEqual(2);
      const steps = snapshots.map((snapshot) => ({
        label: snapshot.label,
        deps: collectDependencies(
          { ...local.env, sourceMirror: `${local.stack.mirror.url}${snapshotPrefix(snapshot.label)}` },
          local.clients,
        ),
      }));
      const releases = new DynamoReleaseStore(local.clients.dynamo, local.env.sourcesTable);
      const runs = await replayDocumentSnapshots(replayed, steps, releases);
      expect(runs.map((run) => run.status)).toEqual(["baseline", "succeeded"]);
      expect(runs[1]!.summary).toMatchObject({ ...expected[source.id], deleted: 0 });
      // A second replay skips the snapshots already collected.
      expect(await replayDocumentSnapshots(replayed, steps, releases)).toEqual([]);
    },
  );
});
