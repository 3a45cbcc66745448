const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH = `(${MONTHS.join("|")}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)`;

/** The month (1-12) a month name or its abbreviation stands for. */
export function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((month) => month.startsWith(lower.slice(0, 3)));
  return index < 0 ? undefined : index + 1;
}

/** A real calendar date as ISO, or undefined (`02/30/2024` is no date). */
function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A date as CMS writes it in a file name or link text: `02/01/2024`, `1-9-2024`, `02012024`
 * (MMDDYYYY), `20240201`, `2024-02-01`, `december-1-2021`, `January 12, 2022`. Undefined when the
 * text holds no date.
 */
export function dateIn(text: string): string | undefined {
  const spelled = new RegExp(`\\b${MONTH}[-_.\\s]+(\\d{1,2})(?:st|nd|rd|th)?[-_,.\\s]+(\\d{4})`, "i").exec(
    text,
  );
  if (spelled) return isoDate(Number(spelled[3]), monthNumber(spelled[1]!)!, Number(spelled[2]));
  const iso = /(?:^|[^0-9])(\d{4})-(\d{2})-(\d{2})(?:[^0-9]|$)/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const separated = /(?:^|[^0-9])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[^0-9]|$)/.exec(text);
  if (separated) return isoDate(Number(separated[3]), Number(separated[1]), Number(separated[2]));
  const packed = /(?:^|[^0-9])(\d{8})(?:[^0-9]|$)/.exec(text);
  if (packed) {
    const digits = packed[1]!;
    const head = Number(digits.slice(0, 4));
    // YYYYMMDD when it starts with a plausible year; otherwise CMS's MMDDYYYY.
    return head >= 1990 && head <= 2099
      ? isoDate(head, Number(digits.slice(4, 6)), Number(digits.slice(6)))
      : isoDate(Number(digits.slice(4)), Number(digits.slice(0, 2)), Number(digits.slice(2, 4)));
  }
  return undefined;
}

/** How a publisher marks a re-issue in a name: `…-updated-<date>`, `errata-<date>`. */
export interface Reissue {
  readonly kind: "updated" | "errata";
  /** ISO date from the name, when it carries one. */
  readonly date?: string;
}

/**
 * Whether a file path (or link text) names a re-issue, and its date: `…-updated-02/01/2024.zip`,
 * `…-updated-01012026.zip`, `…-updated-december-1-2021.zip`, `errata-january-12-2022.zip`,
 * `… - Updated 12/19/2023`. Only what follows the word is read, so a fiscal year earlier in the
 * name (`2024-code-descriptions-…`) is never taken for the date.
 */
export function reissueIn(text: string): Reissue | undefined {
  const match = /\b(updated|update|revised|errata|corrected)\b[-_\s:]*(.*)$/i.exec(text);
  if (!match) return undefined;
  const word = match[1]!.toLowerCase();
  const kind = word === "errata" ? "errata" : "updated";
  // `April 1 update` is a scheduled issue, not a re-issue: only `updated`/`errata`/… with a date, or `updated` alone.
  const date = dateIn(match[2]!.replace(/\.zip$/i, ""));
  if (word === "update" && !date) return undefined;
  return date ? { kind, date } : { kind };
}
