/**
 * Reads a response body into one Buffer, refusing it as soon as it passes `maxBytes`: a publisher
 * that starts streaming gigabytes (or a misconfigured mirror) must cost an error, not the Lambda's memory.
 * Returns undefined when the cap is crossed; the caller turns that into its own error.
 */
export async function readCappedBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Buffer | undefined> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, received);
}
