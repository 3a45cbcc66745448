import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ChangeStore } from "#shared/changes/change-store.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import type { NcciPartFile } from "#shared/ncci/ncci-part.js";
import { DynamoReleaseStore } from "#shared/releases/dynamo-release-store.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { ncciMuePractitioner } from "#shared/sources/ncci-mue.js";
import { ncciPtpPractitioner } from "#shared/sources/ncci-ptp.js";
import { respondWithStatus } from "../../../infra/local/mirror-failures.js";
import type { MirrorHandler } from "../../../infra/local/source-mirror.js";
import { zipOf } from "../../fixtures/zip-of.js";
import { FIXTURES_DIR, useLocalStack } from "../support/local-stack.js";
import { noWaitHttp } from "../support/no-wait-http.js";

const local = useLocalStack();
const manifest = loadReplayManifest(FIXTURES_DIR);
const [V321, V322] = (await recordedReleases(ncciPtpPractitioner, manifest)) as [
  ReleaseCandidate,
  ReleaseCandidate,
];
const [MUE_Q2, MUE_Q3] = (await recordedReleases(ncciMuePractitioner, manifest)) as [
  ReleaseCandidate,
  ReleaseCandidate,
];
const PART2_TEXT = readFileSync(path.join(FIXTURES_DIR, "ncci/ccipra-v322r0-f2.part.txt"));
const PART2_URL = V322.files[1]!.url;

const deps = () => collectDependencies(local.env, local.clients, { http: noWaitHttp() });
const store = () => new ChangeStore(local.clients.dynamo, local.env.changesTable);
const releases = () => new DynamoReleaseStore(local.clients.dynamo, local.env.sourcesTable);
const stored = (sourceId: string) => store().all((cursor) => store().bySource(sourceId, { cursor }));

function serveBytes(bytes: Buffer): MirrorHandler {
  return (_request, response) => {
    response
      .writeHead(200, { "content-type": "application/zip", "content-length": String(bytes.length) })
      .end(bytes);
  };
}

describe("NCCI practitioner PTP, collected part by part into the local stack", () => {
  it("records v321r0 as the baseline and v322r0 as each kind of edit change, filed under both codes", async () => {
    const source = { ...ncciPtpPractitioner, id: "ncci-ptp-it" };
    expect((await collectSource(source, deps(), { release: V321 })).status).toBe("baseline");
    const run = await collectSource(source, deps(), { release: V322 });
    expect(run).toMatchObject({ status: "succeeded", records: 154, changesWritten: 6 });
    const changes = await stored(source.id);
    const byKey = Object.fromEntries(changes.map((c) => [c.key, [c.changeType, c.reason ?? ""]]));
    expect(byKey).toEqual({
      "0001U:0029U": ["deleted", "edit-deleted"],
      "0001U:81166": ["added", ""],
      "0001A:0590T": ["deleted", ""],
      "0001U:81162": ["revised", "modifier-indicator-changed"],
      "0001U:81163": ["revised", "rationale-changed"],
      "0001U:81164": ["revised", "dates-changed"],
    });
    const firstCode = await store().byCode("ncci-ptp", "0001U");
    expect(firstCode.changes.filter((c) => c.sourceId === source.id)).toHaveLength(5);
    const secondCode = await store().byPairedCode("ncci-ptp", "81162");
    expect(secondCode.changes.filter((c) => c.sourceId === source.id).map((c) => c.key)).toEqual([
      "0001U:81162",
    ]);
    expect(changes.every((c) => !JSON.stringify(c).includes("American Medical Association"))).toBe(true);
  });

  const failures: [
    name: string,
    release: () => ReleaseCandidate,
    serve: () => Promise<MirrorHandler>,
    reason: RegExp,
  ][] = [
    [
      "a part cut off mid-row inside a complete zip",
      () => V322,
      async () =>
        serveBytes(await zipOf({ "ccipra-v322r0-f2.txt": PART2_TEXT.subarray(0, PART2_TEXT.length - 60) })),
      /fields|date|indicator/,
    ],
    [
      "a part holding fewer rows than the CMS page announced",
      () => ({
        ...V322,
        files: V322.files.map(
          (file, i): NcciPartFile => (i === 1 ? { ...file, announcedRecords: 93 } : file),
        ),
      }),
      async () => serveBytes(await zipOf({ "ccipra-v322r0-f2.txt": PART2_TEXT })),
      /holds 92 records, the CMS page announces 93/,
    ],
    [
      "a part whose zip lacks the edits file",
      () => V322,
      async () => serveBytes(await zipOf({ "readme.pdf": "not the edits" })),
      /no entry matches/,
    ],
    [
      "a part the publisher no longer serves",
      () => V322,
      async () => respondWithStatus(404),
      /part 2 is missing/,
    ],
  ];

  for (const [name, release, serve, reason] of failures) {
    it(`${name}: the run fails, nothing is written, and the source stays on v321r0`, async () => {
      const source = { ...ncciPtpPractitioner, id: `ncci-ptp-bad-${name.replace(/\W+/g, "-")}` };
      await collectSource(source, deps(), { release: V321 });
      const undo = local.stack.mirror.override(PART2_URL, await serve());
      let run: Awaited<ReturnType<typeof collectSource>>;
      try {
        run = await collectSource(source, deps(), { release: release() });
      } finally {
        undo();
      }
      expect(run.status).toBe("failed");
      expect(run.reason).toMatch(reason);
      expect(await stored(source.id)).toHaveLength(0);
      expect(await releases().state(source.id)).toMatchObject({
        currentVersion: "v321r0",
        lastRunStatus: "failed",
      });
      expect((await releases().releases(source.id)).map((r) => r.version)).toEqual(["v321r0"]);
    });
  }
});

describe("NCCI practitioner MUE table", () => {
  it("stores value, MAI, added and removed codes, found by the code's history", async () => {
    const source = { ...ncciMuePractitioner, id: "ncci-mue-it" };
    await collectSource(source, deps(), { release: MUE_Q2 });
    const run = await collectSource(source, deps(), { release: MUE_Q3 });
    expect(run).toMatchObject({ status: "succeeded", changesWritten: 4 });
    const byKey = Object.fromEntries(
      (await stored(source.id)).map((c) => [c.key, [c.changeType, c.reason ?? ""]]),
    );
    expect(byKey).toEqual({
      "0002M": ["revised", "mue-value-changed"],
      "0003U": ["revised", "mai-changed"],
      "0041U": ["added", ""],
      "0040M": ["deleted", ""],
    });
    const history = await store().byCode("ncci-mue", "0002M");
    expect(history.changes.find((c) => c.sourceId === source.id)?.fields).toEqual([
      { field: "mueValue", before: "2", after: "1" },
    ]);
  });
});
