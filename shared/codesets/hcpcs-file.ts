import type { CodeSystemRules } from "../core/code-system.js";
import { ParseError } from "../core/parse-error.js";
import type { ReleasePayload } from "../core/release.js";
import { type CodeSetSnapshot, toLine } from "../core/snapshot.js";
import type { RecordCategory } from "../core/snapshot-diff.js";
import { anwebRows } from "./anweb-rows.js";
import { ANWEB_COLUMNS, HCPCS_FIELDS } from "./hcpcs-record-layout.js";

const FIELD_NAMES = HCPCS_FIELDS.map((field) => field.name);
const TERMINATION = FIELD_NAMES.indexOf("terminationDate");
const BOOKKEEPING = ["actionCode", "actionEffectiveDate"];
const BOOKKEEPING_AT = new Set(BOOKKEEPING.map((name) => FIELD_NAMES.indexOf(name)));

/**
 * CMS counts a code as valid while it is listed without a termination date. A terminated code
 * stays in the file for four years with TERM DT set: such a record is reported apart, like an
 * ICD-10 header, and never counted as a code.
 */
function categoryOf(fields: readonly string[]): RecordCategory {
  return (fields[TERMINATION] ?? "") === "" ? "code" : "terminated";
}

/** Descriptions as a reader sees them: runs of spaces (a joined TXT continuation row) are one space. */
const normalised = (value: string) => value.replace(/\s+/g, " ").trim();

/** The records differ, and only in whitespace (bookkeeping fields aside). */
function onlyWhitespaceDiffers(before: readonly string[], after: readonly string[]): boolean {
  let differs = false;
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (BOOKKEEPING_AT.has(i)) continue;
    const was = before[i] ?? "";
    const now = after[i] ?? "";
    if (was === now) continue;
    if (normalised(was) !== normalised(now)) return false;
    differs = true;
  }
  return differs;
}

/**
 * HCPCS Level II has no header lines: every record is a code (a modifier is a 2-character code).
 * A valid code whose termination date becomes set is a deleted (terminated) code; one whose date
 * is cleared is back. A record added already terminated (added and discontinued between two
 * files) and a terminated record dropped after its four years are terminated records, reported
 * apart from the counts, as CMS counts. An edit of whitespace alone (TXT and XLSX of one release
 * wrap some descriptions differently) is reported as its own minor kind, not as a revision.
 */
export const HCPCS: CodeSystemRules = {
  system: "hcpcs",
  label: "HCPCS Level II",
  family: "hcpcs",
  displayCode: (key) => key,
  recordNoun: { one: "code", many: "codes" },
  apartNoun: "terminated records",
  minorRevisionNoun: "whitespace-only description edits",
  cliDiff: { sides: "file" },
  fields: FIELD_NAMES,
  categoryOf,
  categoryOfLine: (line) => categoryOf(line.split("\t").slice(1)),
  titleOf: (f) => f[1] || f[0] || "",
  bookkeepingFields: BOOKKEEPING,
  classify(before, after) {
    const was = before[TERMINATION] ?? "";
    const now = after[TERMINATION] ?? "";
    if (was === "" && now !== "") return { changeType: "deleted", reason: "terminated" };
    if (was !== "" && now === "") return { changeType: "added", reason: "reinstated" };
    if (onlyWhitespaceDiffers(before, after)) {
      return {
        changeType: "revised",
        reason: "whitespace-only",
        counted: false,
        category: categoryOf(after),
      };
    }
    return undefined;
  },
};

const COLUMN = new Map(ANWEB_COLUMNS.map((column, i) => [column.header, i]));
const at = (header: string) => COLUMN.get(header)!;
const HCPC = at("HCPC");
const SEQNUM = at("SEQNUM");
const RECID = at("RECID");
const LONG_DESCRIPTION = at("LONG DESCRIPTION");
const FIELD_COLUMNS = HCPCS_FIELDS.map((field) => field.columns.map(at));

/**
 * CMS's HCPCS Level II file (`HCPCyyyy_MMM_ANWEB*`), as fixed-width TXT, XLSX or CSV, in any year's
 * layout (`anweb-rows.ts`). Each code spans one or more rows: RECID 3 (procedure) or 7 (modifier)
 * opens it, and 4 or 8 rows carry the rest of its long description, joined with a space.
 */
export async function parseHcpcsFile(payload: ReleasePayload, version: string): Promise<CodeSetSnapshot> {
  const source = `hcpcs file ${payload.name}`;
  const rows = await anwebRows(payload.bytes, source);
  const lines: string[] = [];
  let open: { code: string; values: string[]; lineNumber: number } | undefined;
  const seen = new Map<string, number>();
  const close = () => {
    if (open)
      lines.push(
        toLine(
          open.code,
          FIELD_COLUMNS.map((columns) => joined(open!.values, columns)),
        ),
      );
  };
  for (const row of rows) {
    const code = row.values[HCPC]!.trim();
    const recid = row.values[RECID]!.trim();
    if (!/^[A-Z0-9]{2,5}$/.test(code)) {
      throw new ParseError(source, `HCPC "${code}" is not a 2- to 5-character code`, row.lineNumber);
    }
    if (!/^\d{1,5}$/.test(row.values[SEQNUM]!.trim())) {
      throw new ParseError(source, `SEQNUM "${row.values[SEQNUM]}" is not a number`, row.lineNumber);
    }
    if (recid === "3" || recid === "7") {
      const first = seen.get(code);
      if (first !== undefined) {
        throw new ParseError(
          source,
          `code ${code} opens again (first at line ${first}); expected one record per code`,
          row.lineNumber,
        );
      }
      seen.set(code, row.lineNumber);
      close();
      open = { code, values: row.values.map((value) => value.trim()), lineNumber: row.lineNumber };
    } else if (recid === "4" || recid === "8") {
      if (open?.code !== code) {
        throw new ParseError(
          source,
          `continuation row for ${code} does not follow that code's first row (RECID 3 or 7)`,
          row.lineNumber,
        );
      }
      const more = row.values[LONG_DESCRIPTION]!.trim();
      if (more) open.values[LONG_DESCRIPTION] = `${open.values[LONG_DESCRIPTION]} ${more}`.trim();
    } else {
      throw new ParseError(source, `RECID "${recid}" is not 3, 4, 7 or 8`, row.lineNumber);
    }
  }
  close();
  if (lines.length === 0) throw new ParseError(source, "no HCPCS records; expected ANWEB rows");
  lines.sort();
  return { system: HCPCS.system, version, fields: FIELD_NAMES, lines };
}

/**
 * A release as CMS zips it: the same ANWEB data as TXT and XLSX (sometimes CSV or an old `.xls`),
 * in order of preference. Whichever member parses first is the release; one that fails (a TXT
 * layout not yet seen, an `.xls`) does not sink the release while another member reads. When none
 * reads, every member's reason is given.
 */
export async function parseHcpcsRelease(
  payloads: readonly ReleasePayload[],
  version: string,
): Promise<CodeSetSnapshot> {
  const failures: ParseError[] = [];
  for (const payload of payloads) {
    try {
      return await parseHcpcsFile(payload, version);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0]!;
  throw new ParseError(
    "hcpcs release",
    failures.length === 0
      ? "no ANWEB file in the release"
      : `no member of the release reads as an ANWEB file: ${failures.map((failure) => failure.message).join("; ")}`,
  );
}

function joined(values: readonly string[], columns: readonly number[]): string {
  if (columns.length === 1) return values[columns[0]!] ?? "";
  return columns
    .map((column) => values[column] ?? "")
    .filter((value) => value !== "")
    .join(" ");
}
