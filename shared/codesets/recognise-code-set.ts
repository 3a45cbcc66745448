import { ParseError } from "../core/parse-error.js";
import type { ReleasePayload } from "../core/release.js";
import { releaseText } from "../core/release-text.js";
import { anwebFormatOf } from "./anweb-format.js";
import { ANWEB_COLUMNS } from "./hcpcs-record-layout.js";
import { firstSheetRows } from "./xlsx-sheet.js";

/** The code systems a release file can be recognised as. */
export type RecognisedSystem = "icd10cm" | "icd10pcs" | "hcpcs";

/** What a file looks like, in words for a person, and the system when it is one codecurrent reads. */
export interface RecognisedFile {
  readonly system?: RecognisedSystem;
  readonly what: string;
}

/** 256 KiB: some 2,000 order-file lines, 800 ANWEB records, far past any notice rows. */
const RECOGNITION_BYTES = 256 * 1024;
const ORDER_LINE = /^\d{5} ([A-Z0-9]{3,7}) *[01] /;
const ANWEB_RECORD = /^[A-Z0-9 ]{5}[\d ]{5}[3478]/;
/** PCS codes: 7 characters of 0-9 and the letters but I and O; CM codes: a letter, then a digit. */
const PCS_CODE = /^[0-9A-HJ-NP-Z]{7}$/;
const CM_CODE = /^[A-Z][0-9][0-9A-Z]{1,5}$/;

/**
 * Recognises a code-set file by its content, not its name: an ICD-10 order file (CM and PCS share
 * the layout, and are told apart by their codes: PCS codes are 7 characters from a 34-symbol
 * alphabet with the section character first — a digit for most sections —, CM codes a letter
 * followed by a digit), or an HCPCS ANWEB file in any of its formats.
 */
export async function recogniseCodeSetFile(payload: ReleasePayload): Promise<RecognisedFile> {
  const format = anwebFormatOf(payload.bytes);
  if (format === "xls") return { what: "an Excel 97-2003 workbook (.xls)" };
  if (format === "xlsx") return recogniseWorkbook(payload.bytes);
  if (format === "csv") return { system: "hcpcs", what: "an HCPCS Level II ANWEB file (CSV)" };
  // The head of a file says what it is: reading a whole 14 MB order file here would cost more
  // than diffing it. A cut multi-byte character at the end only falls back to Latin-1 for the head.
  const text = releaseText(payload.bytes.subarray(0, RECOGNITION_BYTES));
  const lines = text.split("\n");
  const first = lines.find((line) => line.trim() !== "") ?? "";
  if (ORDER_LINE.test(first)) return recogniseOrderFile(lines);
  if (lines.slice(0, 60).some((line) => ANWEB_RECORD.test(line) && line.length > 91)) {
    return { system: "hcpcs", what: "an HCPCS Level II ANWEB file (fixed-width TXT)" };
  }
  if (/^\s*</.test(first)) return { what: "an HTML or XML document" };
  return { what: `an unknown file starting "${first.trim().slice(0, 40)}"` };
}

function recogniseOrderFile(lines: readonly string[]): RecognisedFile {
  let pcs = 0;
  let cm = 0;
  let example = { pcs: "", cm: "" };
  for (const line of lines) {
    const match = ORDER_LINE.exec(line);
    if (!match || line[14] !== "1") continue;
    const code = match[1]!;
    // A digit first is PCS alone; a letter-first PCS code (sections B-X) is told by its length and
    // its second character, which is a digit in every CM code.
    if (PCS_CODE.test(code) && !CM_CODE.test(code)) {
      pcs++;
      example = { ...example, pcs: example.pcs || code };
    } else if (CM_CODE.test(code)) {
      cm++;
      example = { ...example, cm: example.cm || code };
    }
  }
  if (pcs > cm) {
    return {
      system: "icd10pcs",
      what: `an ICD-10-PCS order file (its codes are procedure codes of 7 characters, the section first, e.g. ${example.pcs})`,
    };
  }
  return {
    system: "icd10cm",
    what: `an ICD-10-CM order file (its codes are diagnosis codes, a letter then a digit, e.g. ${example.cm})`,
  };
}

async function recogniseWorkbook(bytes: Buffer): Promise<RecognisedFile> {
  let rows: string[][];
  try {
    rows = await firstSheetRows(bytes);
  } catch {
    return { what: "a zip archive that is not a readable workbook" };
  }
  const header = ANWEB_COLUMNS.slice(0, 3).map((column) => column.header);
  const isAnweb = rows
    .slice(0, 41)
    .some((row) => header.every((name, i) => (row[i] ?? "").trim().toUpperCase() === name));
  return isAnweb
    ? { system: "hcpcs", what: "an HCPCS Level II ANWEB file (XLSX)" }
    : { what: "an XLSX workbook that is not an HCPCS ANWEB file" };
}

/**
 * Refuses a file that is recognisably another code system's (ICD-10-CM fed as PCS, an HCPCS file
 * as ICD-10): parsing it would read another system's codes as this one's. A file recognised as
 * nothing is left to the parser, whose layout error says what was expected.
 */
export async function expectCodeSet(
  payload: ReleasePayload,
  system: RecognisedSystem,
  label: string,
): Promise<void> {
  const recognised = await recogniseCodeSetFile(payload);
  if (recognised.system !== undefined && recognised.system !== system) {
    throw new ParseError(`${system} file ${payload.name}`, `looks like ${recognised.what}, not ${label}`);
  }
}
