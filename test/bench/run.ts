/**
 * `npm run bench`: how fast codecurrent parses and diffs code sets, in process and as the CLI,
 * against the Unix baseline `LC_ALL=C sort | comm -3` on the same decompressed files, each figure
 * beside its baseline measured in the same run. `npm run bench -- <part> …` runs only those parts:
 *   icd10cm       the real ICD-10-CM FY2018 → FY2019 files
 *   generated-3m  a generated 3-million-row keyed set in the order-file layout
 *   ptp-quarter   a generated NCCI PTP quarter, streamed by the CLI
 *   digests       10,000 personalized digests from the real ICD-10 changes
 *   zip-bomb      refusing a zip bomb, beside inflating it
 *   collect-rss   peak RSS of collecting the full ICD-10-CM year and the generated PTP quarter
 *                 through the collection pipeline, beside the collect function's memory setting
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { ICD10CM, ICD10PCS, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import { decodeSnapshot, encodeSnapshot } from "#shared/codesets/snapshot-file.js";
import type { CodeSystemRules } from "#shared/core/code-system.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { COLLECT_MEMORY_MB } from "../../infra/constructs/collectors.js";
import { benchDigestRender, describeDigestRender } from "./digest-render.js";
import { THREE_MILLION, writeKeyedSet } from "./keyed-set-generator.js";
import { FULL_QUARTER, writePtpQuarter } from "./ptp-quarter-generator.js";
import { benchZipBomb, describeZipBomb } from "./zip-bomb.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const GNU_TIME = "/usr/bin/time";

interface Row {
  readonly what: string;
  readonly ms: number;
  readonly rssMb?: number;
  readonly note?: string;
}

interface Measured {
  readonly ms: number;
  readonly rssMb: number;
}

/** One part of the benchmark: its rows, computed in `work` (a scratch folder removed afterwards). */
type Part = (work: string) => Promise<Row[]>;

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The first (cold) run, then the median of `runs` more. */
function timed<T>(runs: number, work: () => T): { ms: number; firstMs: number; result: T } {
  const first = performance.now();
  let result = work();
  const firstMs = performance.now() - first;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work();
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), firstMs, result };
}

/** Wall time and peak RSS of one whole process, stdout discarded. */
function measured(command: string, args: readonly string[]): Measured {
  const withTime = existsSync(GNU_TIME);
  const started = performance.now();
  const run = withTime
    ? spawnSync(GNU_TIME, ["-f", "%M", command, ...args], {
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
        cwd: root,
      })
    : spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", cwd: root });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
  const lastLine = run.stderr.trim().split("\n").pop() ?? "0";
  return { ms, rssMb: withTime ? Number(lastLine) / 1024 : 0 };
}

/**
 * Two commands measured in turns, so a burst of other work on the machine slows both sides of the
 * ratio alike: the median time and the highest peak RSS of each.
 */
function inTurns(runs: number, ours: () => Measured, baseline: () => Measured): [Measured, Measured] {
  const samples: [Measured[], Measured[]] = [[], []];
  for (let run = 0; run < runs; run++) {
    samples[0].push(ours());
    samples[1].push(baseline());
  }
  const summary = (of: readonly Measured[]): Measured => ({
    ms: median(of.map((sample) => sample.ms)),
    rssMb: Math.max(...of.map((sample) => sample.rssMb)),
  });
  return [summary(samples[0]), summary(samples[1])];
}

const codecurrentDiff = (system: string, before: string, after: string) => () =>
  measured(process.execPath, [
    "bin/codecurrent.mjs",
    "diff",
    "--system",
    system,
    "--format",
    "json",
    before,
    after,
  ]);

/** Sequential, not process substitution: GNU time reports the peak RSS of waited-for children only. */
const sortComm = (before: readonly string[], after: readonly string[], work: string) => () =>
  measured("sh", [
    "-c",
    `LC_ALL=C sort ${before.map(quoted).join(" ")} > "$1" && LC_ALL=C sort ${after.map(quoted).join(" ")} > "$2" && LC_ALL=C comm -3 "$1" "$2" > /dev/null`,
    "_",
    join(work, "before.sorted"),
    join(work, "after.sorted"),
  ]);

const quoted = (path: string) => `'${path.replaceAll("'", "'\\''")}'`;

const ratio = (ours: Measured, baseline: Measured) =>
  `time ×${(ours.ms / baseline.ms).toFixed(2)}, peak RSS ×${(ours.rssMb / baseline.rssMb).toFixed(2)}`;

/**
 * Two releases of an order-file code set through the one diff engine: as `codecurrent diff` and
 * the CLI run it (both releases parsed, their records compared in place), as collection runs it
 * (the stored earlier snapshot against the parsed later release, every line merged), and as a
 * whole `codecurrent diff` process, each beside `sort | comm` on the same files.
 */
function compare(
  label: string,
  rules: CodeSystemRules,
  beforePath: string,
  afterPath: string,
  runs: number,
  work: string,
): Row[] {
  const load = (path: string) => ({ name: path, bytes: readFileSync(path) });
  const beforeFile = load(beforePath);
  const afterFile = load(afterPath);
  const parse = timed(runs, () => parseIcd10OrderFile(beforeFile, rules, "before"));
  const lines = timed(runs, () => parseIcd10OrderFile(beforeFile, rules, "before").lines);
  const inPlace = timed(runs, () =>
    diffSnapshots(
      parseIcd10OrderFile(beforeFile, rules, "before"),
      parseIcd10OrderFile(afterFile, rules, "after"),
      rules,
    ),
  );
  const stored = encodeSnapshot(parse.result);
  const collection = timed(runs, () =>
    diffSnapshots(decodeSnapshot(stored), parseIcd10OrderFile(afterFile, rules, "after"), rules),
  );
  const processRuns = Math.max(3, Math.min(runs, 5));
  const [ours, unix] = inTurns(
    processRuns,
    codecurrentDiff(rules.system, beforePath, afterPath),
    sortComm([beforePath], [afterPath], work),
  );
  const { summary } = inPlace.result;
  const mb = (statSync(beforePath).size / 1e6).toFixed(0);
  const inProcess: Measured = { ms: inPlace.ms, rssMb: Number.NaN };
  return [
    {
      what: `${label}: parse one release (${parse.result.lines.length.toLocaleString("en-US")} lines, ${mb} MB): layout checked, codes ordered`,
      ms: parse.ms,
    },
    { what: `${label}: parse one release and build its lines (what storing it needs)`, ms: lines.ms },
    {
      what: `${label}: parse both + diff in process (records compared in place, as the CLI)`,
      ms: inPlace.ms,
      note: `+${summary.added} −${summary.deleted} ~${summary.revised} codes; first run ${inPlace.firstMs.toFixed(0)} ms`,
    },
    {
      what: `${label}: stored snapshot + parse + diff in process (every line merged, as collection)`,
      ms: collection.ms,
      note: collection.result.summary.revised === summary.revised ? "same changes" : "CHANGES DIFFER",
    },
    {
      what: `${label}: codecurrent diff --format json (process, median of ${processRuns})`,
      ms: ours.ms,
      rssMb: ours.rssMb,
    },
    {
      what: `${label}: LC_ALL=C sort | comm -3 (process, median of ${processRuns})`,
      ms: unix.ms,
      rssMb: unix.rssMb,
    },
    {
      what: `${label}: in process / sort|comm`,
      ms: Number.NaN,
      note: `time ×${(inProcess.ms / unix.ms).toFixed(2)}`,
    },
    { what: `${label}: codecurrent process / sort|comm`, ms: Number.NaN, note: ratio(ours, unix) },
  ];
}

const PARTS: Readonly<Record<string, Part>> = {
  icd10cm: async (work) => {
    const fixtures = join(root, "test/fixtures/codesets");
    const cm2018 = join(work, "icd10cm_order_2018.txt");
    const cm2019 = join(work, "icd10cm_order_2019.txt");
    writeFileSync(cm2018, gunzipSync(readFileSync(join(fixtures, "icd10cm_order_2018.txt.gz"))));
    writeFileSync(cm2019, gunzipSync(readFileSync(join(fixtures, "icd10cm_order_2019.txt.gz"))));
    return compare("(a) ICD-10-CM FY2018→FY2019", ICD10CM, cm2018, cm2019, 7, work);
  },

  "generated-3m": async (work) => {
    const before = join(work, "generated_before.txt");
    const after = join(work, "generated_after.txt");
    const started = performance.now();
    const planted = await writeKeyedSet(THREE_MILLION, before, after);
    console.error(
      `generated ${planted.beforeRows.toLocaleString("en-US")} → ${planted.afterRows.toLocaleString("en-US")} rows ` +
        `(planted −${planted.deleted} +${planted.added} ~${planted.revised}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return compare("(b) generated 3M rows", ICD10PCS, before, after, 1, work);
  },

  "ptp-quarter": async (work) => {
    // A full NCCI practitioner PTP quarter in four parts per side, streamed by the CLI.
    const quarter = await writePtpQuarter(work);
    console.error(
      `generated PTP quarter: ${FULL_QUARTER.rows.toLocaleString("en-US")} edits per side, planted ${JSON.stringify(quarter.planted)}`,
    );
    const [ptp, unix] = inTurns(
      3,
      codecurrentDiff("ncci-ptp", quarter.paths.before.join(","), quarter.paths.after.join(",")),
      sortComm(quarter.paths.before, quarter.paths.after, work),
    );
    const rowsPerSecond = (2 * FULL_QUARTER.rows) / (ptp.ms / 1000);
    return [
      {
        what: "(c) NCCI PTP quarter: codecurrent diff --system ncci-ptp (process, median of 3)",
        ms: ptp.ms,
        rssMb: ptp.rssMb,
        note: `${Math.round(rowsPerSecond).toLocaleString("en-US")} rows/s (both sides)`,
      },
      {
        what: "(c) NCCI PTP quarter: LC_ALL=C sort | comm -3 (process, median of 3)",
        ms: unix.ms,
        rssMb: unix.rssMb,
      },
      { what: "(c) NCCI PTP quarter: codecurrent / sort|comm", ms: Number.NaN, note: ratio(ptp, unix) },
    ];
  },

  digests: async () => {
    const digests = benchDigestRender();
    return [
      {
        what: `(d) ${digests.digests.toLocaleString("en-US")} personalized digests: match + render HTML and text (one core)`,
        ms: digests.ms,
        note: describeDigestRender(digests),
      },
    ];
  },

  "zip-bomb": async () => {
    // The zip limits' cost, beside zlib inflating the whole bomb.
    const bomb = await benchZipBomb();
    return [
      { what: "(e) zip bomb 64 MiB: refused from its declared ratio", ms: bomb.refuseByRatioMs },
      { what: "(e) zip bomb, header forged to 2 MiB: stopped at 2 MiB inflated", ms: bomb.stopAtDeclaredMs },
      { what: "(e) zip bomb: zlib inflating all 64 MiB (baseline)", ms: bomb.inflateAllMs },
      { what: "(e) zip bomb: limits / inflating all", ms: Number.NaN, note: describeZipBomb(bomb) },
    ];
  },

  "collect-rss": async (work) => {
    // Collection through the pipeline (real fetch over loopback, zip limits, parsers, diff, archive
    // on the in-memory stores), each in a process of its own so the peak is its own.
    const ptpDir = join(work, "ptp-collect");
    mkdirSync(ptpDir, { recursive: true });
    await writePtpQuarter(ptpDir);
    const collectRss = (which: string, ...args: string[]) => {
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", "test/bench/collect-rss.ts", which, ...args],
        {
          cwd: root,
          encoding: "utf8",
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      if (run.status !== 0) throw new Error(`collect-rss ${which} failed: ${run.stderr}`);
      return JSON.parse(run.stdout.trim().split("\n").pop()!) as {
        peakRssMb: number;
        runs: { status: string; version: string; records: number; changes: number; reason?: string }[];
      };
    };
    const rows: Row[] = [];
    const idle = collectRss("idle");
    for (const [which, label] of [
      ["icd10cm", "(f) collect ICD-10-CM FY2018 → FY2019 through the pipeline (full year)"],
      ["ptp", "(f) collect a generated 4-part PTP quarter through the pipeline (streamed)"],
    ] as const) {
      const started = performance.now();
      const collected = which === "ptp" ? collectRss(which, ptpDir) : collectRss(which);
      const last = collected.runs.at(-1)!;
      if (last.status !== "succeeded") throw new Error(`${which}: ${last.status} ${last.reason ?? ""}`);
      rows.push({
        what: label,
        ms: performance.now() - started,
        rssMb: collected.peakRssMb,
        note: `${last.records.toLocaleString("en-US")} records, ${last.changes.toLocaleString("en-US")} changes; ${(
          (100 * collected.peakRssMb) / COLLECT_MEMORY_MB
        ).toFixed(0)}% of the collect function's ${COLLECT_MEMORY_MB} MB`,
      });
    }
    rows.push({
      what: "(f) the same process with the modules loaded, nothing collected (baseline)",
      ms: Number.NaN,
      rssMb: idle.peakRssMb,
    });
    return rows;
  },
};

function print(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((row) => row.what.length));
  console.log(`${"".padEnd(width)}  ${"ms".padStart(9)}  ${"peak RSS MB".padStart(11)}  note`);
  for (const row of rows) {
    const ms = Number.isNaN(row.ms) ? "" : row.ms.toFixed(1);
    const rss = row.rssMb === undefined ? "" : row.rssMb.toFixed(0);
    console.log(`${row.what.padEnd(width)}  ${ms.padStart(9)}  ${rss.padStart(11)}  ${row.note ?? ""}`);
  }
}

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in PARTS));
if (unknown.length > 0) {
  console.error(
    `unknown bench part(s) ${unknown.join(", ")}; the parts are: ${Object.keys(PARTS).join(", ")}`,
  );
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "codecurrent-bench-"));
try {
  // Always rebuilt: the process rows time dist/, which is stale as soon as a source file changes.
  const build = spawnSync(process.execPath, ["bin/build.mjs"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("bin/build.mjs failed");
  const rows: Row[] = [];
  for (const name of asked.length > 0 ? asked : Object.keys(PARTS)) rows.push(...(await PARTS[name]!(work)));
  print(rows);
} finally {
  rmSync(work, { recursive: true, force: true });
}
