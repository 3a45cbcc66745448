import type { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import type { Entry } from "yauzl";
import { ZipError } from "./zip-error.js";
import type { ResolvedZipLimits } from "./zip-limits.js";

/**
 * Judges the entry by its header before inflating a byte; `inflateAsDeclared` then holds the
 * inflated bytes to this declared size, so the limits bound what is actually inflated.
 */
export function checkDeclaredSize(entry: Entry, limits: ResolvedZipLimits): void {
  const name = entry.fileName;
  if (entry.uncompressedSize > limits.maxTotalBytes) {
    throw new ZipError(
      "too-large",
      `${name} declares ${entry.uncompressedSize} bytes, over the ${limits.maxTotalBytes}-byte limit`,
      { entry: name },
    );
  }
  if (
    entry.uncompressedSize > limits.ratioGraceBytes &&
    entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio
  ) {
    throw new ZipError(
      "suspicious-ratio",
      `${name} declares ${entry.uncompressedSize} bytes from ${entry.compressedSize} compressed, past ${limits.maxCompressionRatio}:1: a zip bomb`,
      { entry: name },
    );
  }
}

/**
 * Passes an entry's inflated bytes through while counting them. The caller has checked the
 * header's declared size against the limits; headers can be forged, so here the bytes that
 * actually come out of zlib are held to that declared size, and zlib is stopped the moment they
 * exceed it. A size or CRC that disagrees with the central directory fails the whole entry, so a
 * consumer never acts on partial data.
 */
export async function* inflateAsDeclared(
  inflated: Readable,
  entry: Entry,
): AsyncGenerator<Buffer, void, undefined> {
  const name = entry.fileName;
  let count = 0;
  let crc = 0;
  try {
    for await (const chunk of inflated as AsyncIterable<Buffer>) {
      count += chunk.length;
      // The declared size already passed the byte and ratio limits, so stopping here bounds the work
      // by those limits too: a forged header cannot make us inflate more than it admits to.
      if (count > entry.uncompressedSize) {
        throw new ZipError(
          "corrupt",
          `${name} inflates past the ${entry.uncompressedSize} bytes its header declares (forged or damaged header)`,
          { entry: name },
        );
      }
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError("corrupt", `${name} cannot be inflated: ${(error as Error).message}`, {
      entry: name,
      cause: error,
    });
  } finally {
    inflated.destroy();
  }
  if (count !== entry.uncompressedSize) {
    throw new ZipError(
      "corrupt",
      `${name} inflated to ${count} bytes, but its header declares ${entry.uncompressedSize}`,
      { entry: name },
    );
  }
  // yauzl does not verify CRC-32; a flipped bit in stored (uncompressed) data would otherwise pass.
  if (crc >>> 0 !== entry.crc32 >>> 0) {
    throw new ZipError("corrupt", `${name} fails its CRC-32 check`, { entry: name });
  }
}
