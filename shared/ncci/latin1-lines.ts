/**
 * Lines of a Latin-1 byte stream (NCCI files are Latin-1), CR kept for the parser to drop. Latin-1
 * is one byte per character, so a chunk boundary can never split a character.
 */
export async function* latin1Lines(chunks: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of chunks) {
    const text = rest + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    yield* lines;
  }
  if (rest !== "") yield rest;
}
