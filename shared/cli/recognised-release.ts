import { extractEntries, listEntries, ZipError } from "../archive/index.js";
import { recogniseCodeSetFile } from "../codesets/recognise-code-set.js";
import type { ReleasePayload } from "../core/release.js";
import { codeSetSourceFor, SOURCE_CATALOG } from "../sources/catalog.js";
import { isCodeSet } from "../sources/source.js";
import type { Release } from "./diff-command.js";
import { InputError } from "./exit-codes.js";

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * A release file read as `system` publishes it: the data entry (and its companions) taken out of a
 * zip with the very patterns collection uses, and refused with exit 3 when it is recognisably
 * another code system's — naming what it looks like — rather than diffed as if it were this one.
 */
export async function recognisedRelease(
  path: string,
  file: ReleasePayload,
  system: string,
): Promise<Release> {
  const source = codeSetSourceFor(system);
  const label = source.rules.label;
  const payloads =
    file.bytes.subarray(0, 4).equals(ZIP) && !(await isWorkbook(file.bytes))
      ? await zipPayloads(path, file.bytes, system)
      : [file];
  const recognised = await recogniseCodeSetFile(payloads[0]!);
  if (recognised.system !== undefined && recognised.system !== system) {
    throw new InputError(
      `${path} looks like ${recognised.what}, not ${label}; to diff it as what it is, use --system ${recognised.system}`,
    );
  }
  return { version: path.split(/[\\/]/).pop() ?? path, payloads };
}

async function zipPayloads(path: string, bytes: Buffer, system: string): Promise<ReleasePayload[]> {
  const source = codeSetSourceFor(system);
  try {
    return await extractEntries(bytes, source.entryPatterns, source.companionPatterns ?? []);
  } catch (error) {
    if (error instanceof ZipError && error.reason === "entry-not-found") {
      const other = await otherSystemOf(bytes, system);
      if (other) {
        throw new InputError(
          `${path} looks like a release of ${other.label} (its zip holds ${other.entry}), not ${source.rules.label}; to diff it as what it is, use --system ${other.system}`,
        );
      }
    }
    throw new InputError(`${path}: ${(error as Error).message}`);
  }
}

/** Another diffable system whose data entry the zip holds. */
async function otherSystemOf(
  bytes: Buffer,
  system: string,
): Promise<{ system: string; label: string; entry: string } | undefined> {
  const names = (await listEntries(bytes)).filter((entry) => !entry.isDirectory).map((entry) => entry.name);
  for (const source of SOURCE_CATALOG.filter(isCodeSet)) {
    if (source.rules.system === system || source.rules.cliDiff?.sides !== "file") continue;
    const entry = names.find((name) => source.entryPatterns.some((pattern) => name.search(pattern) !== -1));
    if (entry) return { system: source.rules.system, label: source.rules.label, entry };
  }
  return undefined;
}

/** An XLSX workbook is a zip too: its parts (`xl/…`) say it is the file itself, not a zip of files. */
async function isWorkbook(bytes: Buffer): Promise<boolean> {
  try {
    return (await listEntries(bytes)).some((entry) => entry.name.startsWith("xl/"));
  } catch {
    return false;
  }
}
