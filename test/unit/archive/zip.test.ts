import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { extractEntry, listEntries, openEntryStream } from "#shared/archive/zip.js";
import { ZipError, type ZipFailure } from "#shared/archive/zip-error.js";
import { zipOf } from "../../fixtures/zip-of.js";

const FIXTURE = new URL("../../fixtures/icd10cm/icd10cm_order_2026.excerpt.txt", import.meta.url);
const ORDER_FILE = [/icd10cm_order_\d{4}\.txt$/i];

async function zipFailure(promise: Promise<unknown>, reason: ZipFailure): Promise<ZipError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(ZipError);
  expect((error as ZipError).reason).toBe(reason);
  return error as ZipError;
}

/** Rewrites the central directory's uncompressed size of the first entry: a forged header. */
function forgeDeclaredSize(zip: Buffer, declared: number): Buffer {
  const forged = Buffer.from(zip);
  const central = forged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  forged.writeUInt32LE(declared, central + 24);
  return forged;
}

/**
 * Overwrites the first entry's compressed data from `fraction` of the way in to its end with 0xFF
 * (a deflate block of the reserved type): zlib fails on reaching it, so an entry refused with any
 * other reason was refused before inflation got that far.
 */
function damageCompressedDataFrom(zip: Buffer, fraction: number): Buffer {
  const damaged = Buffer.from(zip);
  const central = damaged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const compressedSize = damaged.readUInt32LE(central + 20);
  const dataStart = 30 + damaged.readUInt16LE(26) + damaged.readUInt16LE(28);
  damaged.fill(0xff, dataStart + Math.floor(compressedSize * fraction), dataStart + compressedSize);
  return damaged;
}

let orderFile: Buffer;
let release: Buffer;
/** 64 MiB of zeros deflates to about 64 KiB: a ratio near 1000:1. */
let bomb: Buffer;

beforeAll(async () => {
  orderFile = await readFile(FIXTURE);
  release = await zipOf({
    "Code Descriptions/": null,
    "__MACOSX/Code Descriptions/._icd10cm_order_2026.txt": "resource fork",
    "Code Descriptions/README.txt": "Read me first",
    "Code Descriptions/icd10cm_order_2026.txt": orderFile,
  });
  bomb = await zipOf({ "icd10cm_order_2026.txt": Buffer.alloc(64 * 1024 * 1024) });
});

describe("extractEntry", () => {
  it("extracts a real ICD-10-CM order file byte for byte", async () => {
    const entry = await extractEntry(release, ORDER_FILE);

    expect(entry.name).toBe("Code Descriptions/icd10cm_order_2026.txt");
    expect(entry.bytes.equals(orderFile)).toBe(true);
  });

  it("prefers the first pattern that matches over an entry that comes first in the zip", async () => {
    const entry = await extractEntry(release, [/order_\d{4}\.txt$/, /\.txt$/]);
    const fallback = await extractEntry(release, [/tabular\.xml$/, /README\.txt$/]);

    expect(entry.name).toBe("Code Descriptions/icd10cm_order_2026.txt");
    expect(fallback.name).toBe("Code Descriptions/README.txt");
  });

  it("never picks a __MACOSX resource fork or a folder", async () => {
    const entry = await extractEntry(release, [/\._icd10cm/, /Code Descriptions\/$/, /order/]);

    expect(entry.name).toBe("Code Descriptions/icd10cm_order_2026.txt");
  });

  it("reads a stored (uncompressed) entry", async () => {
    const stored = await zipOf({ "icd10cm_order_2026.txt": orderFile }, { compress: false });

    expect((await extractEntry(stored, ORDER_FILE)).bytes.equals(orderFile)).toBe(true);
  });

  it("takes the only file when no pattern is given, and refuses to guess among several", async () => {
    const single = await zipOf({ "docs/": null, "data.txt": "A000" });

    expect((await extractEntry(single, [])).name).toBe("data.txt");
    await zipFailure(extractEntry(release, []), "entry-not-found");
  });

  it("names the patterns and the entries it holds when no entry matches", async () => {
    const error = await zipFailure(extractEntry(release, [/icd10pcs_order_\d{4}\.txt$/]), "entry-not-found");

    expect(error.message).toContain("/icd10pcs_order_\\d{4}\\.txt$/");
    expect(error.message).toContain("Code Descriptions/README.txt, Code Descriptions/icd10cm_order_2026.txt");
  });

  it("reports a zip cut in half as truncated", async () => {
    await zipFailure(extractEntry(release.subarray(0, release.length / 2), ORDER_FILE), "truncated");
  });

  it("reports a zip missing its last few bytes as truncated", async () => {
    await zipFailure(extractEntry(release.subarray(0, release.length - 3), ORDER_FILE), "truncated");
  });

  it("reports damaged compressed data as corrupt rather than returning partial bytes", async () => {
    const damaged = Buffer.from(await zipOf({ "icd10cm_order_2026.txt": orderFile }));
    // Inside the deflate stream, past the 30-byte local header and the file name.
    for (let at = 80; at < 120; at += 1) damaged[at] = 0xff - damaged[at]!;

    await zipFailure(extractEntry(damaged, ORDER_FILE), "corrupt");
  });

  it("reports a flipped byte in a stored entry as corrupt through its CRC", async () => {
    const damaged = Buffer.from(await zipOf({ "icd10cm_order_2026.txt": orderFile }, { compress: false }));
    damaged[200] = damaged[200]! ^ 0x01;

    const error = await zipFailure(extractEntry(damaged, ORDER_FILE), "corrupt");
    expect(error.message).toContain("CRC-32");
  });

  it("reports an HTML page as not a zip", async () => {
    const page = Buffer.from("<!DOCTYPE html><html><body>Page not found | CMS</body></html>");

    const error = await zipFailure(extractEntry(page, ORDER_FILE), "not-a-zip");
    expect(error.message).toContain("<!DOCTYPE html>");
    await zipFailure(extractEntry(Buffer.alloc(0), ORDER_FILE), "not-a-zip");
  });

  it("refuses a zip bomb from its declared ratio, without inflating it", async () => {
    // Every compressed byte damaged: inflating even the first block would fail as corrupt instead.
    const unreadable = damageCompressedDataFrom(bomb, 0);
    await zipFailure(extractEntry(unreadable, ORDER_FILE, { maxCompressionRatio: 1_000_000 }), "corrupt");

    const error = await zipFailure(extractEntry(unreadable, ORDER_FILE), "suspicious-ratio");

    expect(error.entry).toBe("icd10cm_order_2026.txt");
    expect(error.message).toMatch(/declares 67108864 bytes from \d+ compressed, past 200:1/);
  });

  it("stops inflating a bomb whose forged header understates its size, at the size it declares", async () => {
    // The forged header claims 2 MiB (a harmless 32:1), so only counting inflated bytes can catch it.
    const forged = forgeDeclaredSize(bomb, 2 * 1024 * 1024);

    const error = await zipFailure(extractEntry(forged, ORDER_FILE), "corrupt");
    expect(error.message).toContain("inflates past the 2097152 bytes its header declares");

    // Streamed, the consumer is handed no more than the declared 2 MiB of the real 64 MiB.
    const { stream } = await openEntryStream(forged, ORDER_FILE);
    let handedOver = 0;
    const streamed = await (async () => {
      for await (const chunk of stream as AsyncIterable<Buffer>) handedOver += chunk.length;
    })().then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(streamed).toBeInstanceOf(ZipError);
    expect(handedOver).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it("refuses an entry that inflates to less than its header declares", async () => {
    const zip = await zipOf({ "icd10cm_order_2026.txt": orderFile });
    const forged = forgeDeclaredSize(zip, orderFile.length + 1);

    const error = await zipFailure(extractEntry(forged, ORDER_FILE), "corrupt");

    expect(error.message).toContain(`inflated to ${orderFile.length} bytes`);
  });

  it("refuses an entry larger than the byte limit", async () => {
    const error = await zipFailure(extractEntry(release, ORDER_FILE, { maxTotalBytes: 4096 }), "too-large");

    expect(error.message).toContain("4096-byte limit");
  });

  it("refuses a zip with more entries than the limit", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 20; i += 1) many[`part-${i}.txt`] = `part ${i}`;
    const zip = await zipOf(many);

    await zipFailure(extractEntry(zip, [/part-0/], { maxEntries: 10 }), "too-many-entries");
    await expect(extractEntry(zip, [/part-0\./], { maxEntries: 20 })).resolves.toMatchObject({
      name: "part-0.txt",
    });
  });
});

describe("listEntries", () => {
  it("lists every entry with its declared sizes, folders and resource forks included", async () => {
    const entries = await listEntries(release);

    expect(entries.map((entry) => [entry.name, entry.isDirectory])).toEqual([
      ["Code Descriptions/", true],
      ["__MACOSX/Code Descriptions/._icd10cm_order_2026.txt", false],
      ["Code Descriptions/README.txt", false],
      ["Code Descriptions/icd10cm_order_2026.txt", false],
    ]);
    const order = entries[3]!;
    expect(order.uncompressedSize).toBe(orderFile.length);
    expect(order.compressedSize).toBeLessThan(orderFile.length);
    expect(order.lastModified).toBeInstanceOf(Date);
  });

  it("applies the entry-count limit and reports truncation", async () => {
    await zipFailure(listEntries(release, { maxEntries: 3 }), "too-many-entries");
    await zipFailure(listEntries(release.subarray(0, release.length - 10)), "truncated");
  });
});

describe("openEntryStream", () => {
  async function drain(stream: NodeJS.ReadableStream): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it("streams the chosen entry's inflated bytes", async () => {
    const { name, declaredSize, stream } = await openEntryStream(release, ORDER_FILE);

    expect(name).toBe("Code Descriptions/icd10cm_order_2026.txt");
    expect(declaredSize).toBe(orderFile.length);
    expect((await drain(stream)).equals(orderFile)).toBe(true);
  });

  it("errors the stream, rather than ending it, when a forged bomb passes its declared size", async () => {
    const forged = forgeDeclaredSize(bomb, 2 * 1024 * 1024);
    const { stream } = await openEntryStream(forged, ORDER_FILE);

    await zipFailure(drain(stream), "corrupt");
  });

  it("applies the byte limit before returning a stream", async () => {
    await zipFailure(openEntryStream(release, ORDER_FILE, { maxTotalBytes: 4096 }), "too-large");
  });

  it("refuses a bomb from its declared ratio before returning a stream", async () => {
    await zipFailure(openEntryStream(bomb, ORDER_FILE), "suspicious-ratio");
  });
});
