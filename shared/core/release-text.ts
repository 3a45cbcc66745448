import { isAscii } from "node:buffer";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * The text of a CMS release file. CMS writes ASCII, but some files carry Latin-1 bytes (NCCI
 * notices, older HCPCS descriptors): those are read as Latin-1 rather than turned into U+FFFD,
 * so a descriptor never changes only because of how it was decoded.
 */
export function releaseText(bytes: Buffer): string {
  // Nearly every CMS file is plain ASCII, which needs no validating decoder.
  if (isAscii(bytes)) return bytes.toString("latin1");
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString("latin1");
  }
}

/** A release file's lines, CRLF or LF, without the empty line after the final line break. */
export function releaseLines(bytes: Buffer): string[] {
  const lines = releaseText(bytes).split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
