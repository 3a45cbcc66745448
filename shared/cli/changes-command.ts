import { type Command, Option } from "commander";
import type { ChangeRecord } from "../changes/change-record.js";
import type { ChangeStore } from "../changes/change-store.js";
import { InputError } from "./exit-codes.js";
import type { CliContext } from "./workspace.js";

const FORMATS = ["table", "json", "csv"] as const;

interface ChangesOptions {
  readonly source?: string;
  readonly system?: string;
  readonly code?: string;
  readonly since?: string;
  readonly format: (typeof FORMATS)[number];
  readonly aws?: boolean;
}

/** `codecurrent changes`: reads the change log — a source over time, one code's history, or everything. */
export function registerChangesCommand(program: Command, context: CliContext): void {
  program
    .command("changes")
    .description("List stored changes, newest first")
    .option("--source <id>", "changes of one source")
    .option("--system <system>", "changes in one code system (icd10cm, icd10pcs, hcpcs…)")
    .option("--code <code>", "history of one code (undotted, as CMS files carry it)")
    .option("--since <date>", "detected on or after this date (YYYY-MM-DD or ISO time)")
    .addOption(new Option("--format <format>", "output").choices(FORMATS).default("table"))
    .option("--aws", "read the deployed AWS tables instead of the local stack")
    .action(async (options: ChangesOptions) => {
      const since = options.since ? isoSince(options.since) : undefined;
      const [{ openWorkspace }, { ChangeStore }, { SOURCE_CATALOG, sourceById }] = await Promise.all([
        import("./workspace.js"),
        import("../changes/change-store.js"),
        import("../sources/catalog.js"),
      ]);
      if (options.source) sourceById(options.source);
      const workspace = await openWorkspace(context, { aws: options.aws });
      try {
        const store = new ChangeStore(workspace.clients.dynamo, workspace.env.changesTable);
        const sources = SOURCE_CATALOG.filter(
          (s) =>
            (!options.source || s.id === options.source) &&
            (!options.system || s.rules.system === options.system),
        );
        const changes = await query(
          store,
          options,
          since,
          sources.map((s) => ({ id: s.id, system: s.rules.system })),
        );
        changes.sort((a, b) => b.detectedAt.localeCompare(a.detectedAt) || a.id.localeCompare(b.id));
        await print(changes, options.format);
      } finally {
        await workspace.close();
      }
    });
}

async function query(
  store: ChangeStore,
  options: ChangesOptions,
  since: string | undefined,
  sources: readonly { id: string; system: string }[],
): Promise<ChangeRecord[]> {
  if (options.code) {
    const systems = [...new Set(sources.map((s) => s.system))];
    const code = options.code.replace(/\./g, "").toUpperCase();
    // A code is also the second code of NCCI PTP pairs, filed under byPairedCode.
    const pages = await Promise.all(
      systems.flatMap((system) => [
        store.all((cursor) => store.byCode(system, code, { since, cursor })),
        store.all((cursor) => store.byPairedCode(system, code, { since, cursor })),
      ]),
    );
    return pages.flat().filter((c) => !options.source || c.sourceId === options.source);
  }
  const pages = await Promise.all(
    sources.map((s) => store.all((cursor) => store.bySource(s.id, { since, cursor }))),
  );
  return pages.flat();
}

async function print(changes: readonly ChangeRecord[], format: ChangesOptions["format"]): Promise<void> {
  process.stdout.write(await changesText(changes, format));
  if (format === "table") process.stderr.write(`${changes.length} change(s)\n`);
}

/** What `codecurrent changes` prints for these changes; its CSV is the API's export, byte for byte. */
export async function changesText(
  changes: readonly ChangeRecord[],
  format: ChangesOptions["format"],
): Promise<string> {
  if (format === "json") return `${JSON.stringify({ count: changes.length, changes }, null, 2)}\n`;
  if (format === "csv") return (await import("../changes/change-log-csv.js")).changeLogCsv(changes);
  const { describeChange } = await import("./output/run-report.js");
  return changes.map((change) => `${describeChange(change)}\n`).join("");
}

function isoSince(raw: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(date.getTime()))
    throw new InputError(`--since: "${raw}" is not a date (YYYY-MM-DD or ISO time)`);
  return date.toISOString();
}
