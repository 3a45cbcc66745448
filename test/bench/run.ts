/**
 * `npm run bench`: how fast codecurrent parses and diffs code sets, in process and as the CLI,
 * against the Unix baseline `LC_ALL=C sort | comm -3` on the same decompressed files.
 * (a) real ICD-10-CM FY2018 → FY2019; (b) a generated 3-million-row keyed set; (c) a generated NCCI
 * PTP quarter; (d) 10,000 personalized digests; (e) refusing a zip bomb, beside inflating it;
 * (f) peak RSS of collecting the full ICD-10-CM year and the generated PTP quarter through the
 * collection pipeline, beside the collect function's memory setting.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { ICD10CM, ICD10PCS, parseIcd10OrderFile } from "#shared/codesets/icd10-order-file.js";
import type { CodeSystemRules } from "#shared/core/code-system.js";
import { diffSnapshots } from "#shared/diff/diff-snapshots.js";
import { COLLECT_MEMORY_MB } from "../../infra/constructs/collectors.js";
import { benchDigestRender, describeDigestRender } from "./digest-render.js";
import { THREE_MILLION, writeKeyedSet } from "./keyed-set-generator.js";
import { FULL_QUARTER, writePtpQuarter } from "./ptp-quarter-generator.js";
import { benchZipBomb, describeZipBomb } from "./zip-bomb.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "codecurrent-bench-"));
const GNU_TIME = "/usr/bin/time";

interface Row {
  readonly what: string;
  readonly ms: number;
  readonly rssMb?: number;
  readonly note?: string;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed<T>(runs: number, work: () => T): { ms: number; result: T } {
  let result = work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work();
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), result };
}

/** Wall time and peak RSS of a whole process, stdout discarded. */
function measured(command: string, args: readonly string[], runs: number): { ms: number; rssMb: number } {
  const samples: number[] = [];
  let rssKb = 0;
  for (let i = 0; i < runs; i++) {
    const withTime = existsSync(GNU_TIME);
    const started = performance.now();
    const run = withTime
      ? spawnSync(GNU_TIME, ["-f", "%M", command, ...args], {
          stdio: ["ignore", "ignore", "pipe"],
          encoding: "utf8",
          cwd: root,
        })
      : spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", cwd: root });
    samples.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
    const lastLine = run.stderr.trim().split("\n").pop() ?? "0";
    rssKb = Math.max(rssKb, withTime ? Number(lastLine) : 0);
  }
  return { ms: median(samples), rssMb: rssKb / 1024 };
}

const cli = (system: string, before: string, after: string, runs: number) =>
  measured(
    process.execPath,
    ["bin/codecurrent.mjs", "diff", "--system", system, "--format", "json", before, after],
    runs,
  );
// Sequential, not process substitution: GNU time reports the peak RSS of waited-for children only.
const sortComm = (before: string, after: string, runs: number) =>
  measured(
    "sh",
    [
      "-c",
      'LC_ALL=C sort "$1" > "$1.sorted" && LC_ALL=C sort "$2" > "$2.sorted" && LC_ALL=C comm -3 "$1.sorted" "$2.sorted" > /dev/null',
      "_",
      before,
      after,
    ],
    runs,
  );

function compare(
  label: string,
  rules: CodeSystemRules,
  beforePath: string,
  afterPath: string,
  runs: number,
): Row[] {
  const load = (path: string) => ({ name: path, bytes: readFileSync(path) });
  const beforeFile = load(beforePath);
  const afterFile = load(afterPath);
  const parse = timed(runs, () => parseIcd10OrderFile(beforeFile, rules, "before"));
  const after = parseIcd10OrderFile(afterFile, rules, "after");
  const diff = timed(runs, () => diffSnapshots(parse.result, after, rules));
  const { summary } = diff.result;
  const ours = cli(rules.system, beforePath, afterPath, Math.max(1, Math.min(runs, 3)));
  const unix = sortComm(beforePath, afterPath, Math.max(1, Math.min(runs, 3)));
  const mb = (statSync(beforePath).size / 1e6).toFixed(0);
  return [
    {
      what: `${label}: parse one release (${parse.result.lines.length.toLocaleString("en-US")} lines, ${mb} MB)`,
      ms: parse.ms,
    },
    {
      what: `${label}: diff in process`,
      ms: diff.ms,
      note: `+${summary.added} −${summary.deleted} ~${summary.revised} codes`,
    },
    { what: `${label}: codecurrent diff --format json (process)`, ms: ours.ms, rssMb: ours.rssMb },
    { what: `${label}: LC_ALL=C sort | comm -3 (process)`, ms: unix.ms, rssMb: unix.rssMb },
    {
      what: `${label}: codecurrent / sort|comm`,
      ms: Number.NaN,
      note: `time ×${(ours.ms / unix.ms).toFixed(2)}, peak RSS ×${(ours.rssMb / unix.rssMb).toFixed(2)}`,
    },
  ];
}

function print(rows: readonly Row[]): void {
  const width = Math.max(...rows.map((row) => row.what.length));
  console.log(`${"".padEnd(width)}  ${"ms".padStart(9)}  ${"peak RSS MB".padStart(11)}  note`);
  for (const row of rows) {
    const ms = Number.isNaN(row.ms) ? "" : row.ms.toFixed(1);
    const rss = row.rssMb === undefined ? "" : row.rssMb.toFixed(0);
    console.log(`${row.what.padEnd(width)}  ${ms.padStart(9)}  ${rss.padStart(11)}  ${row.note ?? ""}`);
  }
}

try {
  // Always rebuilt: the process rows time dist/, which is stale as soon as a source file changes.
  const build = spawnSync(process.execPath, ["bin/build.mjs"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("bin/build.mjs failed");
  const fixtures = join(root, "test/fixtures/codesets");
  const cm2018 = join(work, "icd10cm_order_2018.txt");
  const cm2019 = join(work, "icd10cm_order_2019.txt");
  writeFileSync(cm2018, gunzipSync(readFileSync(join(fixtures, "icd10cm_order_2018.txt.gz"))));
  writeFileSync(cm2019, gunzipSync(readFileSync(join(fixtures, "icd10cm_order_2019.txt.gz"))));
  const rows = compare("(a) ICD-10-CM FY2018→FY2019", ICD10CM, cm2018, cm2019, 7);

  const generatedBefore = join(work, "generated_before.txt");
  const generatedAfter = join(work, "generated_after.txt");
  const started = performance.now();
  const planted = await writeKeyedSet(THREE_MILLION, generatedBefore, generatedAfter);
  console.error(
    `generated ${planted.beforeRows.toLocaleString("en-US")} → ${planted.afterRows.toLocaleString("en-US")} rows ` +
      `(planted −${planted.deleted} +${planted.added} ~${planted.revised}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  rows.push(...compare("(b) generated 3M rows", ICD10PCS, generatedBefore, generatedAfter, 1));

  // (c) A full NCCI practitioner PTP quarter in four parts per side, streamed by the CLI.
  const quarter = await writePtpQuarter(work);
  console.error(
    `generated PTP quarter: ${FULL_QUARTER.rows.toLocaleString("en-US")} edits per side, planted ${JSON.stringify(quarter.planted)}`,
  );
  const ptpRuns = {
    ours: [] as { ms: number; rssMb: number }[],
    unix: [] as { ms: number; rssMb: number }[],
  };
  // Taken in turns, so a burst of other work on the machine slows both sides of the ratio alike.
  for (let run = 0; run < 3; run++) {
    ptpRuns.ours.push(
      measured(
        process.execPath,
        [
          "bin/codecurrent.mjs",
          "diff",
          "--system",
          "ncci-ptp",
          "--format",
          "json",
          quarter.paths.before.join(","),
          quarter.paths.after.join(","),
        ],
        1,
      ),
    );
    ptpRuns.unix.push(
      measured(
        "sh",
        [
          "-c",
          `LC_ALL=C sort ${quarter.paths.before.join(" ")} > "$1" && LC_ALL=C sort ${quarter.paths.after.join(" ")} > "$2" && LC_ALL=C comm -3 "$1" "$2" > /dev/null`,
          "_",
          join(work, "old.sorted"),
          join(work, "new.sorted"),
        ],
        1,
      ),
    );
  }
  const medianOf = (samples: readonly { ms: number; rssMb: number }[]) => ({
    ms: median(samples.map((sample) => sample.ms)),
    rssMb: Math.max(...samples.map((sample) => sample.rssMb)),
  });
  const ptp = medianOf(ptpRuns.ours);
  const ptpUnix = medianOf(ptpRuns.unix);
  const rowsPerSecond = (2 * FULL_QUARTER.rows) / (ptp.ms / 1000);
  rows.push(
    {
      what: "(c) NCCI PTP quarter: codecurrent diff --system ncci-ptp (process, median of 3)",
      ms: ptp.ms,
      rssMb: ptp.rssMb,
      note: `${Math.round(rowsPerSecond).toLocaleString("en-US")} rows/s (both sides)`,
    },
    {
      what: "(c) NCCI PTP quarter: LC_ALL=C sort | comm -3 (process, median of 3)",
      ms: ptpUnix.ms,
      rssMb: ptpUnix.rssMb,
    },
    {
      what: "(c) NCCI PTP quarter: codecurrent / sort|comm",
      ms: Number.NaN,
      note: `time ×${(ptp.ms / ptpUnix.ms).toFixed(2)}, peak RSS ×${(ptp.rssMb / ptpUnix.rssMb).toFixed(2)}`,
    },
  );
  // (d) 10,000 personalized digests from the real ICD-10 changes (alone: npx tsx test/bench/digest-render.ts).
  const digests = benchDigestRender();
  rows.push({
    what: `(d) ${digests.digests.toLocaleString("en-US")} personalized digests: match + render HTML and text (one core)`,
    ms: digests.ms,
    note: describeDigestRender(digests),
  });
  // (e) The zip limits' cost, beside zlib inflating the whole bomb (alone: npx tsx test/bench/zip-bomb.ts).
  const bomb = await benchZipBomb();
  rows.push(
    { what: "(e) zip bomb 64 MiB: refused from its declared ratio", ms: bomb.refuseByRatioMs },
    { what: "(e) zip bomb, header forged to 2 MiB: stopped at 2 MiB inflated", ms: bomb.stopAtDeclaredMs },
    { what: "(e) zip bomb: zlib inflating all 64 MiB (baseline)", ms: bomb.inflateAllMs },
    { what: "(e) zip bomb: limits / inflating all", ms: Number.NaN, note: describeZipBomb(bomb) },
  );
  // (f) Collection through the pipeline (real fetch over loopback, zip limits, parsers, diff, archive
  // on the in-memory stores), each in a process of its own so the peak is its own.
  const ptpDir = join(work, "ptp-collect");
  spawnSync("mkdir", ["-p", ptpDir]);
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
  const idle = collectRss("idle");
  for (const [which, label] of [
    ["icd10cm", "(f) collect ICD-10-CM FY2018 → FY2019 through the pipeline (full year)"],
    ["ptp", "(f) collect a generated 4-part PTP quarter through the pipeline (streamed)"],
  ] as const) {
    const started = performance.now();
    const measured = which === "ptp" ? collectRss(which, ptpDir) : collectRss(which);
    const last = measured.runs.at(-1)!;
    if (last.status !== "succeeded") throw new Error(`${which}: ${last.status} ${last.reason ?? ""}`);
    rows.push({
      what: label,
      ms: performance.now() - started,
      rssMb: measured.peakRssMb,
      note: `${last.records.toLocaleString("en-US")} records, ${last.changes.toLocaleString("en-US")} changes; ${(
        (100 * measured.peakRssMb) / COLLECT_MEMORY_MB
      ).toFixed(0)}% of the collect function's ${COLLECT_MEMORY_MB} MB`,
    });
  }
  rows.push({
    what: "(f) the same process with the modules loaded, nothing collected (baseline)",
    ms: Number.NaN,
    rssMb: idle.peakRssMb,
  });
  print(rows);
} finally {
  rmSync(work, { recursive: true, force: true });
}
