import { type LineBatches, lineBatches } from "../core/line-batches.js";

/**
 * {@link LineBatches} that can also be read as blocks of bytes: runs of whole lines, each block
 * the lines' Latin-1 bytes joined by "\n" (no final "\n"), so byte i is character i of that text.
 * A reader that checks fields on the bytes needs no string per raw line at all, and `charCodeAt`
 * on the substrings `split` makes is several times slower than reading a byte.
 */
export interface Latin1Lines extends LineBatches {
  blocks(): AsyncIterable<Buffer>;
}

export function hasBlocks(source: unknown): source is Latin1Lines {
  return typeof (source as Partial<Latin1Lines> | undefined)?.blocks === "function";
}

/**
 * Lines of a Latin-1 byte stream (NCCI files are Latin-1), CR kept for the parser to drop, handed
 * on a chunk at a time. Latin-1 is one byte per character, so a chunk boundary can never split a
 * character. One-shot: read it once, as lines, batches or blocks.
 */
export function latin1Lines(chunks: AsyncIterable<Buffer | Uint8Array>): Latin1Lines {
  const blocks = () => latin1Blocks(chunks);
  return {
    ...lineBatches(async function* () {
      for await (const block of blocks()) yield block.toString("latin1").split("\n");
    }),
    blocks,
  };
}

const LF = 10;
/** A whole file arriving as one chunk is still handed on in pieces, so a batch stays small. */
const MAX_BLOCK = 1 << 20;

async function* latin1Blocks(chunks: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  // The bytes after the last line end seen so far: the start of a line the next chunk finishes.
  let rest: Buffer | undefined;
  for await (const chunk of chunks) {
    if (chunk.byteLength === 0) continue;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const end = bytes.lastIndexOf(LF);
    if (end < 0) {
      rest = rest === undefined ? bytes : Buffer.concat([rest, bytes]);
      continue;
    }
    // Only a line cut by a chunk's end costs a copy of the chunk; a chunk itself is never written to.
    const complete =
      rest === undefined ? bytes.subarray(0, end) : Buffer.concat([rest, bytes.subarray(0, end)]);
    rest = end + 1 < bytes.length ? bytes.subarray(end + 1) : undefined;
    let from = 0;
    while (complete.length - from > MAX_BLOCK) {
      let cut = complete.lastIndexOf(LF, from + MAX_BLOCK);
      if (cut < from) cut = complete.indexOf(LF, from + MAX_BLOCK);
      if (cut < 0) break;
      yield complete.subarray(from, cut);
      from = cut + 1;
    }
    yield complete.subarray(from);
  }
  if (rest !== undefined) yield rest;
}
