import { releaseText } from "../core/release-text.js";

/**
 * CMS puts notices above the data: 11 disclaimer lines on top of the 2018 TXT, 10 rows above the
 * XLSX header in 2018 (header in row 11) and 7 in other years (row 8). Anything longer than this
 * before the first record is not a notice but the wrong file.
 */
export const MAX_NOTICE_LINES = 40;

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Which of CMS's formats a file is in, from its first bytes. */
export type AnwebFormat = "xlsx" | "xls" | "csv" | "txt";

export function anwebFormatOf(bytes: Buffer): AnwebFormat {
  if (bytes.subarray(0, OLE2.length).equals(OLE2)) return "xls";
  if (bytes.subarray(0, ZIP.length).equals(ZIP)) return "xlsx";
  return csvHeaderLine(releaseText(bytes.subarray(0, 64 * 1024))) === undefined ? "txt" : "csv";
}

/** Index of the CSV header line among the first lines, if the text is a CSV at all. */
export function csvHeaderLine(text: string): number | undefined {
  const lines = text.split("\n", MAX_NOTICE_LINES + 1);
  const at = lines.findIndex((line) => /^\uFEFF?\s*"?HCPC"?\s*,\s*"?SEQNUM"?\s*,/i.test(line));
  return at < 0 ? undefined : at;
}
