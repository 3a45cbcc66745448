import { Readable } from "node:stream";
import { type Entry, fromBuffer, type ZipFile } from "yauzl";
import { checkDeclaredSize, inflateAsDeclared } from "./entry-inflation.js";
import { ZipError } from "./zip-error.js";
import { type ResolvedZipLimits, resolveZipLimits, type ZipLimits } from "./zip-limits.js";

/** One central-directory entry, as the archive declares it (sizes are the header's claims). */
export interface ZipEntryInfo {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly lastModified: Date;
}

export interface ExtractedEntry {
  /** The entry's path inside the zip. */
  readonly name: string;
  readonly bytes: Buffer;
}

export interface EntryStream {
  readonly name: string;
  /** Inflated size the header declares; the stream errors if the real size differs. */
  readonly declaredSize: number;
  /**
   * Inflated bytes; errors with a `ZipError` when the entry is damaged or inflates past its declared
   * size. A CRC mismatch only shows at the end, so a consumer treats any stream error as the whole
   * entry failing, not as a shorter file.
   */
  readonly stream: Readable;
}

/** Every entry of the zip, folders included, without inflating anything. */
export async function listEntries(zip: Buffer, limits?: ZipLimits): Promise<ZipEntryInfo[]> {
  const { zipfile, entries } = await openZip(zip, resolveZipLimits(limits));
  zipfile.close();
  return entries.map((entry) => ({
    name: entry.fileName,
    isDirectory: isDirectory(entry),
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    lastModified: entry.getLastModDate(),
  }));
}

/**
 * The bytes of the entry the publisher's file is in: `patterns` are tried in order of preference
 * and the first one matching any file entry wins (folders and `__MACOSX/` resource forks never
 * match). With no patterns, the zip must hold exactly one file.
 */
export async function extractEntry(
  zip: Buffer,
  patterns: readonly RegExp[],
  limits?: ZipLimits,
): Promise<ExtractedEntry> {
  const resolved = resolveZipLimits(limits);
  const { zipfile, entries } = await openZip(zip, resolved);
  try {
    const entry = chooseEntry(entries, patterns);
    const chunks: Buffer[] = [];
    for await (const chunk of inflateAsDeclared(await openInflated(zipfile, entry, resolved), entry)) {
      chunks.push(chunk);
    }
    return { name: entry.fileName, bytes: Buffer.concat(chunks) };
  } finally {
    zipfile.close();
  }
}

/**
 * The data entry (chosen as `extractEntry` chooses it), then every other file entry matching one of
 * `companions`, in the companions' order: what a release file carries beside its data (the
 * ICD-10 addenda beside the order file; the same HCPCS data in another format).
 */
export async function extractEntries(
  zip: Buffer,
  patterns: readonly RegExp[],
  companions: readonly RegExp[],
  limits?: ZipLimits,
): Promise<ExtractedEntry[]> {
  const resolved = resolveZipLimits(limits);
  const { zipfile, entries } = await openZip(zip, resolved);
  try {
    const chosen = [chooseEntry(entries, patterns)];
    const files = entries.filter((entry) => !isDirectory(entry) && !entry.fileName.startsWith("__MACOSX/"));
    for (const pattern of companions) {
      for (const entry of files) {
        if (!chosen.includes(entry) && entry.fileName.search(pattern) !== -1) chosen.push(entry);
      }
    }
    const extracted: ExtractedEntry[] = [];
    for (const entry of chosen) {
      const chunks: Buffer[] = [];
      for await (const chunk of inflateAsDeclared(await openInflated(zipfile, entry, resolved), entry)) {
        chunks.push(chunk);
      }
      extracted.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
    }
    return extracted;
  } finally {
    zipfile.close();
  }
}

/**
 * Like `extractEntry`, for entries too large to hold in memory (NCCI PTP tables run to millions of
 * rows): the same choice of entry and the same limits, enforced while the consumer reads.
 */
export async function openEntryStream(
  zip: Buffer,
  patterns: readonly RegExp[],
  limits?: ZipLimits,
): Promise<EntryStream> {
  const resolved = resolveZipLimits(limits);
  const { zipfile, entries } = await openZip(zip, resolved);
  try {
    const entry = chooseEntry(entries, patterns);
    const inflated = await openInflated(zipfile, entry, resolved);
    async function* closingWhenDone(): AsyncGenerator<Buffer, void, undefined> {
      try {
        yield* inflateAsDeclared(inflated, entry);
      } finally {
        zipfile.close();
      }
    }
    return {
      name: entry.fileName,
      declaredSize: entry.uncompressedSize,
      stream: Readable.from(closingWhenDone(), { objectMode: false }),
    };
  } catch (error) {
    zipfile.close();
    throw error;
  }
}

interface OpenZip {
  readonly zipfile: ZipFile;
  readonly entries: Entry[];
}

const LOCAL_FILE_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// An empty archive is nothing but its end-of-central-directory record.
const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

function openZip(zip: Buffer, limits: ResolvedZipLimits): Promise<OpenZip> {
  const head = zip.subarray(0, 4);
  if (!head.equals(LOCAL_FILE_HEADER) && !head.equals(END_OF_CENTRAL_DIRECTORY)) {
    return Promise.reject(
      new ZipError(
        "not-a-zip",
        `not a zip file (starts with ${JSON.stringify(zip.subarray(0, 16).toString("latin1"))})`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    // validateEntrySizes is off because inflateAsDeclared checks sizes itself, and with a reason.
    fromBuffer(zip, { lazyEntries: true, autoClose: false, validateEntrySizes: false }, (error, zipfile) => {
      if (error) return reject(asZipError(error, zip.length));
      if (zipfile.entryCount > limits.maxEntries) {
        zipfile.close();
        return reject(
          new ZipError(
            "too-many-entries",
            `the zip declares ${zipfile.entryCount} entries, over the limit of ${limits.maxEntries}`,
          ),
        );
      }
      const entries: Entry[] = [];
      zipfile.on("entry", (entry: Entry) => {
        entries.push(entry);
        zipfile.readEntry();
      });
      zipfile.once("end", () => resolve({ zipfile, entries }));
      zipfile.once("error", (failure: Error) => {
        zipfile.close();
        reject(asZipError(failure, zip.length));
      });
      zipfile.readEntry();
    });
  });
}

function chooseEntry(entries: readonly Entry[], patterns: readonly RegExp[]): Entry {
  const files = entries.filter((entry) => !isDirectory(entry) && !entry.fileName.startsWith("__MACOSX/"));
  if (patterns.length === 0) {
    if (files.length === 1) return files[0]!;
    throw new ZipError(
      "entry-not-found",
      `no entry pattern given and the zip holds ${files.length} files: ${namesOf(files)}`,
    );
  }
  for (const pattern of patterns) {
    // `search` ignores a global pattern's lastIndex, so the caller's RegExp objects stay reusable.
    const match = files.find((entry) => entry.fileName.search(pattern) !== -1);
    if (match !== undefined) return match;
  }
  throw new ZipError(
    "entry-not-found",
    `no entry matches ${patterns.map(String).join(", ")}; the zip holds: ${namesOf(files)}`,
  );
}

function openInflated(zipfile: ZipFile, entry: Entry, limits: ResolvedZipLimits): Promise<Readable> {
  checkDeclaredSize(entry, limits);
  return new Promise((resolve, reject) => {
    zipfile.openReadStream(entry, (error, stream) => {
      if (error) {
        reject(
          new ZipError("corrupt", `${entry.fileName} cannot be read: ${error.message}`, {
            entry: entry.fileName,
            cause: error,
          }),
        );
      } else {
        resolve(stream);
      }
    });
  });
}

function asZipError(error: Error, size: number): ZipError {
  // A zip whose start is intact but whose end-of-central-directory record is missing or cut short
  // is an interrupted download, not a different kind of file.
  if (
    /end of central directory record signature not found|invalid comment length|unexpected EOF/i.test(
      error.message,
    )
  ) {
    return new ZipError(
      "truncated",
      `the zip is cut short (${size} bytes, its end-of-central-directory record is missing or incomplete): an interrupted download?`,
      { cause: error },
    );
  }
  return new ZipError("corrupt", `the zip is damaged: ${error.message}`, { cause: error });
}

function isDirectory(entry: Entry): boolean {
  return entry.fileName.endsWith("/");
}

function namesOf(entries: readonly Entry[]): string {
  const shown = entries.slice(0, 50).map((entry) => entry.fileName);
  if (shown.length === 0) return "(nothing)";
  return entries.length > shown.length
    ? `${shown.join(", ")} … and ${entries.length - shown.length} more`
    : shown.join(", ");
}
