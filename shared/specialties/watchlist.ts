import { parse } from "csv-parse/sync";
import { parseSubscriberRange } from "./code-range.js";

/**
 * How many codes and ranges one watchlist holds. A practice's top 200 billed codes fit with room
 * to spare; the cap keeps a subscriber item far below DynamoDB's 400 KB and every digest's
 * matching quick.
 */
export const WATCHLIST_MAX = 500;

/** What was read from a typed list or an uploaded file: the entries, and a sentence per unreadable one. */
export interface WatchlistReading {
  readonly entries: readonly string[];
  readonly problems: readonly string[];
}

/** One code (`I25.10`, `33208`, `J1100`) or a range (`33206-33249`), as a coder types it. */
const ENTRY = /^[A-Z0-9.]{3,8}(-[A-Z0-9.]{3,8})?$/;
const EXAMPLE = "a code such as I25.10, 33208 or J1100, or a range such as 33206-33249";

/** The spelling a watchlist keeps: trimmed, upper-case, a range as `FROM-TO`; dots as typed. */
export function normalizeWatchlistEntry(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/\s*[-–]\s*/, "-");
}

/** Why one entry is not a code or range, or undefined when it is one. */
export function watchlistEntryProblem(entry: string): string | undefined {
  if (!ENTRY.test(entry) || !/\d/.test(entry)) return `"${entry}" is not ${EXAMPLE}.`;
  try {
    parseSubscriberRange(entry);
    return undefined;
  } catch {
    return `"${entry}" is not a range: put the lower code first, e.g. 33206-33249.`;
  }
}

/** Codes typed into a box: one per line, or separated by commas, semicolons or spaces. */
export function readTypedWatchlist(text: string): WatchlistReading {
  const items = text
    .replace(/\s*[-–]\s*/g, "-")
    .split(/[\s,;]+/)
    .filter((item) => item !== "");
  const problems: string[] = [];
  const entries: string[] = [];
  for (const item of items) {
    const entry = normalizeWatchlistEntry(item);
    const problem = watchlistEntryProblem(entry);
    if (problem) problems.push(problem);
    else entries.push(entry);
  }
  return { entries, problems };
}

/**
 * An uploaded file: a spreadsheet's CSV export (comma, semicolon or tab), its first column the code,
 * with or without a header row, with or without dots; other columns (descriptions, counts, charges)
 * are ignored. Each unreadable line is named by its number, so the person can find it.
 */
export function readWatchlistCsv(text: string): WatchlistReading {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: [",", ";", "\t"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      entries: [],
      problems: [
        `The file could not be read as CSV${line ? ` (line ${line})` : ""}: save it from your spreadsheet as "CSV (comma delimited)" and upload it again.`,
      ],
    };
  }
  const entries: string[] = [];
  const problems: string[] = [];
  rows.forEach(({ record, info }, index) => {
    const first = record[0] ?? "";
    if (first === "") return;
    const entry = normalizeWatchlistEntry(first);
    const problem = watchlistEntryProblem(entry);
    // A first row of words ("Code", "CPT/HCPCS") is the header.
    if (problem && index === 0 && !/\d/.test(first)) return;
    if (problem) problems.push(`Line ${info.lines}: ${problem}`);
    else entries.push(entry);
  });
  return { entries, problems };
}

/** Entries without repeats (`I25.10` and `I2510` are one code), in the order first given. */
export function distinctEntries(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = entry.replace(/\./g, "");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The sentence shown when a watchlist is over the cap, or undefined. */
export function watchlistCapProblem(count: number): string | undefined {
  return count > WATCHLIST_MAX
    ? `Your watchlist has ${count} codes; it holds at most ${WATCHLIST_MAX}. Keep the codes you bill most (a practice's top 200 fit easily) and save again.`
    : undefined;
}
