import { SaxesParser } from "saxes";
import { extractEntry, listEntries } from "../archive/zip.js";

const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const SHARED_STRINGS = "xl/sharedStrings.xml";

/**
 * The cells of a workbook's first sheet, row by row, as text (shared strings resolved, missing
 * cells blank). Only what CMS's ANWEB workbooks use is read: no formulas are evaluated, no styles
 * applied. An XLSX is a zip, so its parts are read through the archive's limited zip reader like
 * every other zip (entry count, inflated size, compression ratio, CRC): a crafted workbook is a zip
 * bomb like any other, and fails with the same `ZipError`.
 */
export async function firstSheetRows(bytes: Buffer): Promise<string[][]> {
  const entries = await listEntries(bytes);
  const sheetName = entries
    .map((entry) => entry.name)
    .filter((name) => WORKSHEET.test(name))
    .sort((a, b) => sheetNumber(a) - sheetNumber(b))[0];
  if (!sheetName) throw new Error("the workbook has no worksheet");
  const hasStrings = entries.some((entry) => entry.name === SHARED_STRINGS);
  const [sheet, shared] = await Promise.all([
    extractEntry(bytes, [exactly(sheetName)]),
    hasStrings ? extractEntry(bytes, [exactly(SHARED_STRINGS)]) : undefined,
  ]);
  const strings = shared ? sharedStrings(shared.bytes.toString("utf8")) : [];
  return sheetRows(sheet.bytes.toString("utf8"), strings);
}

function exactly(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
}

function sheetNumber(name: string): number {
  return Number(/(\d+)\.xml$/.exec(name)?.[1] ?? Number.MAX_SAFE_INTEGER);
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current = "";
  let inText = false;
  // Phonetic runs (<rPh>) carry a reading aid, not cell text.
  let inPhonetic = false;
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "si") current = "";
    else if (name === "rPh") inPhonetic = true;
    else if (name === "t" && !inPhonetic) inText = true;
  });
  parser.on("text", (text) => {
    if (inText) current += text;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "t") inText = false;
    else if (name === "rPh") inPhonetic = false;
    else if (name === "si") strings.push(current);
  });
  parser.write(xml).close();
  return strings;
}

function sheetRows(xml: string, strings: readonly string[]): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let column = 0;
  let type = "";
  let value = "";
  let inValue = false;
  const parser = new SaxesParser();
  parser.on("opentag", (tag) => {
    const name = localName(tag.name);
    if (name === "row") {
      row = [];
      column = 0;
    } else if (name === "c") {
      const ref = String(tag.attributes.r ?? "");
      column = ref ? columnIndex(ref) : column;
      type = String(tag.attributes.t ?? "");
      value = "";
    } else if (name === "v" || name === "t") {
      inValue = true;
    }
  });
  parser.on("text", (text) => {
    if (inValue) value += text;
  });
  parser.on("closetag", (tag) => {
    const name = localName(tag.name);
    if (name === "v" || name === "t") inValue = false;
    else if (name === "c") {
      while (row.length < column) row.push("");
      row[column] = type === "s" ? (strings[Number(value)] ?? "") : value;
      column++;
    } else if (name === "row") rows.push(row);
  });
  parser.write(xml).close();
  return rows;
}

/** `B7` → 1 */
function columnIndex(ref: string): number {
  let index = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 0x41 || code > 0x5a) break;
    index = index * 26 + (code - 0x40);
  }
  return index - 1;
}
