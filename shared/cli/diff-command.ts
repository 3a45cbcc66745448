import { Argument, type Command, Option } from "commander";
import type { CodeSystemRules } from "../codesets/code-system.js";
import type { CodeSetSnapshot } from "../codesets/snapshot.js";
import type { SnapshotDiff } from "../diff/types.js";
import type { ReleasePayload } from "../sources/source.js";

const SYSTEMS = ["icd10cm", "icd10pcs", "hcpcs", "ncci-ptp", "ncci-mue"] as const;
const FORMATS = ["summary", "json", "csv"] as const;

interface DiffOptions {
  readonly system: (typeof SYSTEMS)[number];
  readonly format: (typeof FORMATS)[number];
}

/** `codecurrent diff`: two release files of one code system in, their changes out. */
export function registerDiffCommand(program: Command): void {
  program
    .command("diff")
    .description("Compare two releases of a code set (plain, .gz or .zip as CMS publishes it)")
    .addOption(
      new Option("--system <system>", "code system of both files").choices(SYSTEMS).makeOptionMandatory(),
    )
    .addOption(new Option("--format <format>", "what to print").choices(FORMATS).default("summary"))
    .addArgument(new Argument("<old>", "the earlier release"))
    .addArgument(new Argument("<new>", "the later release"))
    .action((oldPath: string, newPath: string, options: DiffOptions) => runDiff(oldPath, newPath, options));
}

async function runDiff(oldPath: string, newPath: string, options: DiffOptions): Promise<void> {
  if (options.system === "ncci-ptp" || options.system === "ncci-mue") {
    const { diffNcciReleases } = await import("./ncci-diff.js");
    const diff = await diffNcciReleases(oldPath, newPath, options.system);
    const { codeSystemRules } = await import("../codesets/code-systems.js");
    const text = (await formatterOf(options.format))(diff, codeSystemRules(options.system));
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
    );
    return;
  }
  // Imported here, not at the top: registering the command must stay as cheap as commander itself.
  const [{ codeSystemRules }, { diffSnapshots }, { stageProgress }] = await Promise.all([
    import("../codesets/code-systems.js"),
    import("../diff/diff-snapshots.js"),
    import("./output/stage-progress.js"),
  ]);
  const rules = codeSystemRules(options.system);
  const progress = await stageProgress(["read", "parse old", "parse new", "diff", "write"]);
  try {
    const [before, after] = await Promise.all([
      readRelease(oldPath, options.system),
      readRelease(newPath, options.system),
    ]);
    progress.next();
    const parse = await parserOf(options.system);
    const was = parse(before.payload, before.version);
    progress.next();
    const now = parse(after.payload, after.version);
    progress.next();
    const diff = diffSnapshots(was, now, rules);
    progress.next();
    const text = (await formatterOf(options.format))(diff, rules);
    progress.done();
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    progress.done();
  }
}

type Formatter = (diff: SnapshotDiff, rules: CodeSystemRules) => string;

async function formatterOf(format: DiffOptions["format"]): Promise<Formatter> {
  if (format === "json") return (await import("./output/diff-json.js")).diffAsJson;
  if (format === "csv") return (await import("./output/diff-csv.js")).diffAsCsv;
  return (await import("./output/diff-summary.js")).diffAsSummary;
}

type Parser = (payload: ReleasePayload, version: string) => CodeSetSnapshot;

async function parserOf(system: DiffOptions["system"]): Promise<Parser> {
  if (system === "hcpcs") return (await import("../codesets/hcpcs-file.js")).parseHcpcsFile;
  const { parseIcd10OrderFile, ICD10CM, ICD10PCS } = await import("../codesets/icd10-order-file.js");
  const rules = system === "icd10cm" ? ICD10CM : ICD10PCS;
  return (payload, version) => parseIcd10OrderFile(payload, rules, version);
}

interface Release {
  readonly version: string;
  readonly payload: ReleasePayload;
}

/**
 * One release file as CMS publishes it: the zip, or the file inside it, gzipped or not.
 */
async function readRelease(path: string, system: DiffOptions["system"]): Promise<Release> {
  const [{ readFile }, { basename }, { gunzipSync }, { InputError }] = await Promise.all([
    import("node:fs/promises"),
    import("node:path"),
    import("node:zlib"),
    import("./exit-codes.js"),
  ]);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let name = basename(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new InputError(`${path} is not a complete gzip file: ${(error as Error).message}`);
    }
    name = name.replace(/\.gz$/i, "");
  }
  if (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04 &&
    !/\.xlsx$/i.test(name)
  ) {
    const [{ extractEntry }, { codeSetSourceFor }] = await Promise.all([
      import("../archive/zip.js"),
      import("../sources/catalog.js"),
    ]);
    // The entry patterns are the ones collection uses for the same source, so both read the same file.
    const patterns = codeSetSourceFor(system).entryPatterns;
    try {
      const entry = await extractEntry(bytes, patterns);
      return { version: basename(path), payload: { name: entry.name, bytes: entry.bytes } };
    } catch (error) {
      throw new InputError(`${path}: ${(error as Error).message}`);
    }
  }
  return { version: basename(path), payload: { name, bytes } };
}
