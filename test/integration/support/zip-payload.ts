import { ZipFile } from "yazl";

/** A zip holding one entry, built the way CMS ships its packages (deflated). */
export function zipOf(entryName: string, content: Buffer | string): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), entryName);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}
