import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { codeHistoryRoute } from "#shared/api/routes/code-history-route.js";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { toChangeRecords } from "#shared/changes/from-diff.js";
import { plainDiffArguments } from "#shared/cli/diff-command.js";
import { describeRun } from "#shared/cli/output/run-report.js";
import { CODE_FAMILIES } from "#shared/core/code-system.js";
import { keyOf } from "#shared/core/snapshot.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { ChangeIndex } from "#shared/digest/change-index.js";
import { digestGroups } from "#shared/digest/digest-content.js";
import { digestItem } from "#shared/digest/digest-item.js";
import { interestProfile } from "#shared/digest/interest-profile.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import type { RunRecord } from "#shared/runs/run-record.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { CLI_DIFF_SYSTEMS, CODE_SYSTEMS } from "#shared/sources/code-systems.js";
import { type CodeSetSource, type DocumentSource, isCodeSet, type Source } from "#shared/sources/source.js";
import { interestsSchema } from "#shared/subscribers/subscriber.js";
import { recordedFetch } from "./recorded-fetch.js";

/**
 * A source is one file and one catalog line: everything else codecurrent knows about it is derived
 * from the catalog or declared on its rules. This walks the catalog and fails for a source that
 * leaves anything out, and for any list of systems that is not what the catalog implies.
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = path.join(ROOT, "test/fixtures");
const manifest = loadReplayManifest(FIXTURES);
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");

const codeSets = SOURCE_CATALOG.filter(isCodeSet);
const documentSets = SOURCE_CATALOG.filter((source): source is DocumentSource => source.kind === "documents");
const bySource = SOURCE_CATALOG.map((source) => [source.id, source] as const);

/** The rows of README.md's Sources table, each as its cells. */
function sourcesTable(): string[][] {
  const section = README.slice(README.indexOf("\n## Sources\n"));
  const table = section.slice(section.indexOf("\n|"), section.indexOf("\n\n", section.indexOf("\n|") + 1));
  return table
    .trim()
    .split("\n")
    .slice(2)
    .map((row) =>
      row
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

const fixture = (relative: string) => {
  const bytes = readFileSync(path.join(FIXTURES, relative));
  return relative.endsWith(".gz") ? gunzipSync(bytes) : bytes;
};

/** Keys of a code-set source's first recorded release, read by the source's own parser. */
async function recordedKeys(source: CodeSetSource): Promise<string[]> {
  const [recorded] = manifest.sources[source.id] ?? [];
  const [release] = await recordedReleases(source, manifest);
  if (!recorded || !release) return [];
  const payloads = recorded.files.map((file) => ({
    name: file.zipEntry ?? path.basename(file.fixture),
    bytes: fixture(file.fixture),
  }));
  return (await source.parse(payloads, release)).lines.map(keyOf);
}

/**
 * Keys of a document source as its latest recorded moment lists them, gathered from the recorded
 * responses (a detail page recorded at an earlier moment still answers: it is not read again there).
 */
async function recordedDocumentKeys(source: DocumentSource): Promise<string[]> {
  const moments = manifest.documents[source.id] ?? [];
  const moment = moments.at(-1);
  if (!moment) return [];
  const answers = Object.fromEntries(
    moments.flatMap((each) => each.responses).map((file) => [file.url, fixture(file.fixture)]),
  );
  const gathered = await source.gather({
    now: new Date(`${moment.capturedAt}T12:00:00Z`),
    fetch: recordedFetch(answers),
    known: new Set(),
  });
  return gathered.snapshot.lines.map(keyOf);
}

/** Keys of a source's recorded data, read once per source for every test that needs them. */
const recorded = new Map<string, Promise<string[]>>();
function keysOf(source: Source): Promise<string[]> {
  let keys = recorded.get(source.id);
  if (!keys) {
    keys = source.kind === "documents" ? recordedDocumentKeys(source) : recordedKeys(source);
    recorded.set(source.id, keys);
  }
  return keys;
}

/**
 * Reading a whole recorded ICD-10 release is a second's work, several on a machine busy with
 * other jobs: room for that, so a loaded machine never fails a test that checks no speed.
 */
const PARSE_TIMEOUT_MS = 60_000;

/** A display form names the key's own characters: only dots, spaces, `+` and pair separators are added. */
const bare = (text: string) => text.replace(/[.\s+:]/g, "");

describe("every catalog source declares what the rest of codecurrent needs", () => {
  it("has unique ids", () => {
    expect(new Set(SOURCE_CATALOG.map((source) => source.id)).size).toBe(SOURCE_CATALOG.length);
  });

  it.each(bySource)("%s: its rules name the system for people, not by its id", (_id, source) => {
    expect(source.rules.label.trim()).not.toBe("");
    expect(source.rules.label).not.toBe(source.rules.system);
  });

  it.each(bySource)(
    "%s: its rules declare the code family ranges find it in (none for documents)",
    (_id, source) => {
      if (source.kind === "documents") expect(source.rules.family).toBeNull();
      else expect(CODE_FAMILIES).toContain(source.rules.family);
    },
  );

  it.each(bySource)("%s: its records have a noun, one and many", (_id, source) => {
    const { one, many } = source.rules.recordNoun;
    expect(one.trim()).not.toBe("");
    expect(many.trim()).not.toBe("");
    expect(many).not.toBe(one);
  });

  it.each(bySource)("%s: its rules say whether and how the CLI diffs it", (_id, source) => {
    if (source.kind === "documents") expect(source.rules.cliDiff).toBeNull();
    else expect(["file", "parts"]).toContain(source.rules.cliDiff?.sides);
  });

  it.each(bySource)("%s: has recorded releases or moments to replay", (id, source) => {
    const recorded = source.kind === "documents" ? manifest.documents[id] : manifest.sources[id];
    expect(recorded?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(bySource)("%s: has its row in README.md's Sources table, with its schedule", (id, source) => {
    const row = sourcesTable().find((cells) => (cells[0] ?? "").includes(`\`${id}\``));
    expect(row, `no row for \`${id}\` in README.md's Sources table`).toBeDefined();
    expect(row![4]).toBe(`\`${source.cadence.schedule}\``);
    expect(row![5]).toBe(`${source.cadence.silentAfterHours} h`);
  });

  it("the README's Sources table lists no source the catalog lacks", () => {
    const listed = sourcesTable().flatMap((cells) =>
      [...(cells[0] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]),
    );
    expect(listed.sort()).toEqual(SOURCE_CATALOG.map((source) => source.id).sort());
  });
});

describe("every source's keys display as coders write them", () => {
  it.each(codeSets.map((source) => [source.id, source] as const))(
    "%s: each key of its recorded release has a display form made of that key",
    async (_id, source) => {
      const keys = await keysOf(source);
      expect(keys.length).toBeGreaterThan(0);
      const misshown = keys.filter((key) => {
        const shown = source.rules.displayCode(key);
        return shown.trim() === "" || bare(shown) !== bare(key);
      });
      expect(misshown).toEqual([]);
    },
    PARSE_TIMEOUT_MS,
  );

  it.each(documentSets.map((source) => [source.id, source] as const))(
    "%s: each document of its recorded listing has a display form",
    async (_id, source) => {
      const keys = await keysOf(source);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => source.rules.displayCode(key).trim() === "")).toEqual([]);
    },
    PARSE_TIMEOUT_MS,
  );

  it("ICD-10-CM is dotted after its category; ICD-10-PCS and HCPCS are not; an NCCI edit is its two codes", () => {
    expect(CODE_SYSTEMS.icd10cm!.displayCode("I6381")).toBe("I63.81");
    expect(CODE_SYSTEMS.icd10cm!.displayCode("I10")).toBe("I10");
    expect(CODE_SYSTEMS.icd10pcs!.displayCode("02703DZ")).toBe("02703DZ");
    expect(CODE_SYSTEMS.hcpcs!.displayCode("J9035")).toBe("J9035");
    expect(CODE_SYSTEMS["ncci-ptp"]!.displayCode("33208:93280")).toBe("33208 + 93280");
    expect(CODE_SYSTEMS["ncci-mue"]!.displayCode("0002M")).toBe("0002M");
  });
});

describe("every list of systems is what the catalog implies", () => {
  const systems = [...new Set(codeSets.map((source) => source.rules.system))];

  it("the code systems are those of the catalog's code-set sources, with their rules", () => {
    expect(Object.keys(CODE_SYSTEMS).sort()).toEqual([...systems].sort());
    for (const source of codeSets) expect(CODE_SYSTEMS[source.rules.system]).toBe(source.rules);
  });

  it("the API answers a code history for every code system and 400 for any other", async () => {
    const route = codeHistoryRoute({ changes: { all: async () => [] } } as never);
    for (const source of codeSets) {
      const response = await route.handle({ params: { system: source.rules.system, code: "A01" } } as never);
      expect(JSON.parse(String(response.body))).toMatchObject({ systemLabel: source.rules.label });
    }
    for (const unknown of [...documentSets.map((source) => source.rules.system), "cpt4"]) {
      await expect(route.handle({ params: { system: unknown, code: "A01" } } as never)).rejects.toMatchObject(
        {
          status: 400,
        },
      );
    }
  });

  it("`codecurrent diff` takes exactly the systems whose rules say how it reads them", () => {
    const diffable = systems.filter((system) => CODE_SYSTEMS[system]!.cliDiff !== null);
    expect([...CLI_DIFF_SYSTEMS].sort()).toEqual(diffable.sort());
    for (const system of diffable) {
      expect(plainDiffArguments(["diff", "--system", system, "old", "new"])?.options.system).toBe(system);
    }
    for (const source of documentSets) {
      expect(plainDiffArguments(["diff", "--system", source.rules.system, "old", "new"])).toBeUndefined();
    }
  });

  it.each(codeSets.map((source) => [source.id, source] as const))(
    "%s: the run report counts its records in its own noun",
    (_id, source) => {
      const run = {
        sourceId: source.id,
        status: "succeeded",
        version: "v2",
        previousVersion: "v1",
        summary: {
          added: 1,
          deleted: 2,
          revised: 3,
          headers: { added: 0, deleted: 0, revised: 0 },
          minorRevisions: 0,
          before: { records: 1, codes: 1 },
          after: { records: 1, codes: 1 },
        },
        changesWritten: 6,
      } as RunRecord;
      expect(describeRun(run)).toContain(`1 new, 2 deleted, 3 revised ${source.rules.recordNoun.many};`);
    },
  );
});

describe("a change carries its system's label, family and display form to the people who read it", () => {
  /** A real change of the source: its first recorded key, added in a later release. */
  async function firstChange(source: Source): Promise<ChangeRecord> {
    const key = (await keysOf(source))[0]!;
    const line = [key, ...source.rules.fields.map(() => "x")].join("\t");
    const before = { system: source.rules.system, version: "v1", fields: source.rules.fields, lines: [] };
    const after = { ...before, version: "v2", lines: [line] };
    const diff = diffSnapshots(before, after, source.rules);
    const [record] = toChangeRecords(diff.changes, {
      sourceId: source.id,
      rules: source.rules,
      version: "v2",
      releaseKey: "2026-10-01#v2",
      previousVersion: "v1",
      effectiveDate: "2026-10-01",
      detectedAt: "2026-09-01T06:00:00.000Z",
      history: false,
      evidenceOf: () => [
        { url: "https://www.cms.gov/", fetchedAt: "2026-09-01T06:00:00.000Z", sha256: "0", archiveKey: "k" },
      ],
      runId: "run",
    });
    return record!;
  }

  it.each(bySource)(
    "%s: its changes are grouped, shown and matched by what its rules declare",
    async (_id, source) => {
      const change = await firstChange(source);
      expect(change).toMatchObject({
        systemLabel: source.rules.label,
        displayCode: source.rules.displayCode(change.key),
      });
      expect(change.family).toBe(source.rules.family ?? undefined);

      const wording = { subcodesOf: () => [] };
      const [group] = digestGroups([change], "2026-09-01", wording, { perGroup: 1, perDigest: 1 });
      // The label, and for a system with several tables (NCCI) which table: "… (practitioner)".
      expect(group?.label.startsWith(source.rules.label)).toBe(true);
      const item = digestItem(change, "2026-09-01", wording);
      expect(item.code).toBe(source.rules.displayCode(change.key));
      // A code set takes effect on its date and is flagged when that is near; a document is not.
      expect(item.effectiveSoon).toBe(source.rules.family !== null);

      const index = new ChangeIndex([change]);
      const following = interestProfile(interestsSchema.parse({ sources: [source.id] }));
      expect(index.match(following)).toEqual([change]);
      if (source.rules.family !== null) {
        const wholeSystem = interestProfile(interestsSchema.parse({ codeSystems: [source.rules.system] }));
        expect(index.match(wholeSystem)).toEqual([change]);
      }
    },
    PARSE_TIMEOUT_MS,
  );
});
