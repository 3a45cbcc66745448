import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import type { CodeSystemRules } from "../core/code-system.js";
import type { PublisherCounts } from "../core/publisher-counts.js";
import type { ReleasePayload } from "../core/release.js";
import type { SnapshotDiff } from "../core/snapshot-diff.js";
import { diffSnapshots } from "../diff/diff-snapshots.js";
import { NCCI_MUE } from "../ncci/mue-rules.js";
import { NCCI_PTP } from "../ncci/ptp-rules.js";
import { CLI_DIFF_SYSTEMS, codeSystemRules } from "../sources/code-systems.js";

// Every code system whose rules declare how the CLI reads it: derived from the catalog.
const SYSTEMS = CLI_DIFF_SYSTEMS;
const FORMATS = ["summary", "json", "csv"] as const;

interface DiffOptions {
  readonly system: string;
  readonly format: (typeof FORMATS)[number];
}

/**
 * `codecurrent diff`: two release files of one code system in, their changes out. Options and
 * arguments come from the command's own `createOption`/`createArgument`, so this file loads
 * without commander and `main` can run a plain diff without it (see {@link plainDiffArguments}).
 */
export function registerDiffCommand(program: Command): void {
  const diff = program
    .command("diff")
    .description("Compare two releases of a code set (plain, .gz or .zip as CMS publishes it)");
  diff
    .addOption(
      diff
        .createOption("--system <system>", "code system of both files")
        .choices([...SYSTEMS])
        .makeOptionMandatory(),
    )
    .addOption(diff.createOption("--format <format>", "what to print").choices(FORMATS).default("summary"))
    .addArgument(diff.createArgument("<old>", "the earlier release"))
    .addArgument(diff.createArgument("<new>", "the later release"))
    .action((oldPath: string, newPath: string, options: DiffOptions) => runDiff(oldPath, newPath, options));
}

/** A diff as `main` runs it without commander. */
export interface PlainDiff {
  readonly oldPath: string;
  readonly newPath: string;
  readonly options: DiffOptions;
}

/**
 * `diff --system S [--format F] OLD NEW` (options in any order, each once, values among the
 * choices above, paths not starting with "-"): the form scripts use, read here without loading
 * commander, which costs about a tenth of a whole ICD-10 diff. Anything else (help, `--opt=value`,
 * a usage error) is undefined and goes to commander, so its parsing and messages stay the rule.
 */
export function plainDiffArguments(args: readonly string[]): PlainDiff | undefined {
  if (args[0] !== "diff") return undefined;
  let system: string | undefined;
  let format: string | undefined;
  const paths: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--system" && system === undefined) system = args[++i];
    else if (arg === "--format" && format === undefined) format = args[++i];
    else if (arg.startsWith("-")) return undefined;
    else paths.push(arg);
  }
  const formats: readonly string[] = FORMATS;
  if (system === undefined || !SYSTEMS.includes(system) || paths.length !== 2) return undefined;
  if (format !== undefined && !formats.includes(format)) return undefined;
  return {
    oldPath: paths[0]!,
    newPath: paths[1]!,
    options: { system, format: format ?? "summary" } as DiffOptions,
  };
}

export async function runDiff(oldPath: string, newPath: string, options: DiffOptions): Promise<void> {
  if (options.system === NCCI_PTP.system || options.system === NCCI_MUE.system) {
    const { diffNcciReleases } = await import("./ncci-diff.js");
    const diff = await diffNcciReleases(oldPath, newPath, options.system);
    const text = (await formatterOf(options.format))(diff, codeSystemRules(options.system));
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
    );
    return;
  }
  // Imported here, not at the top: only what an order-file diff needs is loaded with the command.
  const [{ stageProgress }, diffOf] = await Promise.all([
    import("./output/stage-progress.js"),
    differOf(options.system),
  ]);
  const progress = await stageProgress(["read", "diff", "write"]);
  try {
    const [before, after] = await Promise.all([
      readRelease(oldPath, options.system),
      readRelease(newPath, options.system),
    ]);
    progress.next();
    const { diff, rules, publisherCounts } = await diffOf(before, after);
    progress.next();
    const [formatted, { releaseOrderWarning }, { publisherLine }] = await Promise.all([
      formatterOf(options.format).then((format) => format(diff, rules)),
      import("./release-order.js"),
      import("./output/publisher-line.js"),
    ]);
    const text =
      options.format === "summary" && publisherCounts
        ? `${formatted}\n${publisherLine(publisherCounts, diff)}\n`
        : formatted;
    progress.done();
    const warning = releaseOrderWarning(before, after, diff, rules);
    if (warning) process.stderr.write(`codecurrent: warning: ${warning}\n`);
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    progress.done();
  }
}

/** A diff, and the publisher's own counts of the new release when it carries them. */
interface Compared {
  readonly diff: SnapshotDiff;
  readonly rules: CodeSystemRules;
  readonly publisherCounts?: PublisherCounts;
}

type Differ = (before: Release, after: Release) => Promise<Compared>;

/**
 * Each side is read by its source's own `parse`, as collection reads it, and the two snapshots go
 * through the one diff, {@link diffSnapshots}: two parsed order files compare their records in
 * place, so the lines both releases share are never built.
 */
async function differOf(system: DiffOptions["system"]): Promise<Differ> {
  const rules = codeSystemRules(system);
  const { codeSetSourceFor } = await import("../sources/catalog.js");
  const source = codeSetSourceFor(system);
  const parse = (side: Release) =>
    source.parse(side.payloads, { version: side.version, effectiveDate: "", files: [] });
  return async (before, after) => {
    const [was, now] = await Promise.all([parse(before), parse(after)]);
    const publisherCounts = source.publisherCounts?.(after.payloads, now);
    return {
      diff: diffSnapshots(was, now, rules),
      rules,
      ...(publisherCounts ? { publisherCounts } : {}),
    };
  };
}

type Formatter = (diff: SnapshotDiff, rules: CodeSystemRules) => string;

async function formatterOf(format: DiffOptions["format"]): Promise<Formatter> {
  if (format === "json") return (await import("./output/diff-json.js")).diffAsJson;
  if (format === "csv") return (await import("./output/diff-csv.js")).diffAsCsv;
  return (await import("./output/diff-summary.js")).diffAsSummary;
}

/** One side of a diff: the release file's data, the data entry first and its companions after. */
export interface Release {
  readonly version: string;
  readonly payloads: readonly ReleasePayload[];
}

/**
 * One release file as CMS publishes it: the zip, or the file inside it, gzipped or not. A file that
 * is recognisably another code system's is refused here, naming what it looks like.
 */
async function readRelease(path: string, system: DiffOptions["system"]): Promise<Release> {
  const { InputError } = await import("./exit-codes.js");
  let bytes: Buffer;
  try {
    // One synchronous read: nothing else is waiting, and fs/promises reads in 512 KiB round trips.
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let name = basename(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const { gunzipSync } = await import("node:zlib");
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${path} is not a complete gzip file: ${(error as Error).message}`);
    }
    name = name.replace(/\.gz$/i, "");
  }
  const { recognisedRelease } = await import("./recognised-release.js");
  return recognisedRelease(path, { name, bytes }, system);
}
