import { ParseError } from "../sources/parse-error.js";
import { NO_DELETION, PAIR_SEPARATOR } from "./ptp-rules.js";

/** One part file of a PTP table as lines (CRLF already split off or not), with what CMS announced for it. */
export interface PtpPartLines {
  readonly name: string;
  readonly lines: AsyncIterable<string> | Iterable<string>;
  /** Record count from the CMS page's link text; a part holding fewer rows was cut short. */
  readonly announcedRecords?: number;
}

const TAB = 9;
const FIELD_COUNT = 7;
const CODE = /^[0-9A-Z]{5}$/;
const DATE = /^\d{8}$/;

/**
 * Reads the parts of one NCCI PTP table (practitioner or hospital) into snapshot lines
 * `col1:col2\tpriorTo1996\teffective\tdeletion\tmodifier\trationale`, sorted by pair.
 *
 * Each part opens with the AMA notice and a header whose cells wrap over several lines; the rows
 * after it are tab-delimited, already in (column 1, column 2) order across the parts, which is
 * what lets a multi-million-row table stream through without being sorted or held in memory.
 */
export async function* readPtpEdits(
  source: string,
  parts: Iterable<PtpPartLines> | AsyncIterable<PtpPartLines>,
): AsyncGenerator<string> {
  const table = new PtpTable(source);
  for await (const part of parts) {
    table.startPart(part);
    let batch: string[] = [];
    for await (const line of part.lines) {
      const completed = table.line(line);
      if (completed !== undefined) {
        batch.push(completed);
        // Yielding per batch keeps the generator's per-line overhead out of the hot loop.
        if (batch.length === 4096) {
          yield* batch;
          batch = [];
        }
      }
    }
    yield* batch;
    table.endPart();
  }
  const last = table.finish();
  if (last !== undefined) yield last;
}

/** The same reading over parts already in memory (tests, small tables). */
export function parsePtpEdits(
  source: string,
  parts: Iterable<PtpPartLines & { lines: Iterable<string> }>,
): string[] {
  const table = new PtpTable(source);
  const lines: string[] = [];
  for (const part of parts) {
    table.startPart(part);
    for (const line of part.lines) {
      const completed = table.line(line);
      if (completed !== undefined) lines.push(completed);
    }
    table.endPart();
  }
  const last = table.finish();
  if (last !== undefined) lines.push(last);
  return lines;
}

/**
 * The state of reading a PTP table part by part. A pair can appear twice when CMS deleted an edit
 * and later added it again; those rows are adjacent, and the one with the later effective date
 * is the edit in force, so one line per pair is kept.
 */
class PtpTable {
  private part: PtpPartLines | undefined;
  private lineNumber = 0;
  private rowsInPart = 0;
  private sawHeader = false;
  private inRows = false;
  private pending: string | undefined;
  private pendingKey = "";

  constructor(private readonly source: string) {}

  startPart(part: PtpPartLines): void {
    this.part = part;
    this.lineNumber = 0;
    this.rowsInPart = 0;
    this.sawHeader = false;
    this.inRows = false;
  }

  /** Returns a finished snapshot line when this row closes the previous pair. */
  line(raw: string): string | undefined {
    this.lineNumber++;
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (!this.inRows) {
      if (text.startsWith("Column 1\tColumn 2")) {
        this.sawHeader = true;
        return undefined;
      }
      if (!this.sawHeader || !isRow(text)) {
        if (this.lineNumber > 40)
          this.fail("no 'Column 1 / Column 2' header and rows within the first 40 lines");
        return undefined;
      }
      this.inRows = true;
    }
    if (text === "") return undefined;
    const row = this.rowLine(text);
    this.rowsInPart++;
    const key = row.slice(0, 11);
    const pending = this.pending;
    if (pending === undefined) {
      this.pending = row;
      this.pendingKey = key;
      return undefined;
    }
    if (key === this.pendingKey) {
      if (effectiveOf(row) >= effectiveOf(pending)) this.pending = row;
      return undefined;
    }
    if (key < this.pendingKey) {
      this.fail(`pair ${key} comes after ${this.pendingKey}: rows are not in column 1, column 2 order`);
    }
    this.pending = row;
    this.pendingKey = key;
    return pending;
  }

  endPart(): void {
    const part = this.part!;
    if (!this.sawHeader) this.fail("no 'Column 1 / Column 2' header: not an NCCI PTP file");
    if (this.rowsInPart === 0) this.fail("the part holds no edits");
    if (part.announcedRecords !== undefined && part.announcedRecords !== this.rowsInPart) {
      this.fail(
        `holds ${this.rowsInPart} records, the CMS page announces ${part.announcedRecords}: a cut-off or mismatched part`,
      );
    }
  }

  finish(): string | undefined {
    return this.pending;
  }

  /** `0001A\t0591T\t\t20220101\t*\t1\trationale` → `0001A:0591T\t\t20220101\t*\t1\trationale`, checked field by field. */
  private rowLine(text: string): string {
    const tabs: number[] = [];
    for (let i = text.indexOf("\t"); i >= 0; i = text.indexOf("\t", i + 1)) tabs.push(i);
    if (tabs.length !== FIELD_COUNT - 1) {
      this.fail(`expected ${FIELD_COUNT} tab-separated fields, got ${tabs.length + 1}`);
    }
    const [t1, t2, t3, t4, t5, t6] = tabs as [number, number, number, number, number, number];
    const column1 = text.slice(0, t1);
    const column2 = text.slice(t1 + 1, t2);
    if (!CODE.test(column1) || !CODE.test(column2)) {
      this.fail(`expected two 5-character codes, got "${column1}" and "${column2}"`);
    }
    const prior = text.slice(t2 + 1, t3);
    if (prior !== "" && prior !== "*") this.fail(`prior-to-1996 flag must be "*" or empty, got "${prior}"`);
    if (!DATE.test(text.slice(t3 + 1, t4)))
      this.fail(`effective date must be YYYYMMDD, got "${text.slice(t3 + 1, t4)}"`);
    const deletion = text.slice(t4 + 1, t5);
    if (deletion !== NO_DELETION && !DATE.test(deletion)) {
      this.fail(`deletion date must be YYYYMMDD or "*", got "${deletion}"`);
    }
    const modifier = text.slice(t5 + 1, t6);
    if (modifier !== "0" && modifier !== "1" && modifier !== "9") {
      this.fail(`modifier indicator must be 0, 1 or 9, got "${modifier}"`);
    }
    return `${column1}${PAIR_SEPARATOR}${text.slice(t1 + 1)}`;
  }

  private fail(detail: string): never {
    throw new ParseError(`${this.source} ${this.part?.name ?? ""}`.trim(), detail, this.lineNumber);
  }
}

function isRow(text: string): boolean {
  return text.charCodeAt(5) === TAB && CODE.test(text.slice(0, 5));
}

/** Effective date of a snapshot line (second field). */
function effectiveOf(line: string): string {
  const first = line.indexOf("\t");
  const second = line.indexOf("\t", first + 1);
  return line.slice(second + 1, second + 9);
}
