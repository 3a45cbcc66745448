import type { Reissue } from "./publisher-dates.js";

/** One issue of an ICD-10 fiscal year as the publisher names it. */
export interface FiscalYearIssue {
  readonly fiscalYear: number;
  /** The October release, or the April 1 update. */
  readonly update: "october" | "april";
  readonly reissue?: Reissue;
}

/**
 * The version a coder reads ("FY2026", "FY2026 April 1 update", "FY2026, updated 2026-01-01",
 * "FY2022, errata 2022-01-12") and the date the issue takes effect: October 1 of the year before
 * the fiscal year, April 1 for the April update, and for a re-issue the date in its name when that
 * is later (its changes are in force from then at the earliest; it also orders it after the issue
 * it re-issues).
 */
export function fiscalYearRelease(issue: FiscalYearIssue): { version: string; effectiveDate: string } {
  const base = issue.update === "april" ? `FY${issue.fiscalYear} April 1 update` : `FY${issue.fiscalYear}`;
  const starts = issue.update === "april" ? `${issue.fiscalYear}-04-01` : `${issue.fiscalYear - 1}-10-01`;
  return reissued(base, starts, issue.reissue);
}

/** One HCPCS quarterly file as the publisher names it. */
export interface QuarterIssue {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
  readonly reissue?: Reissue;
}

/** "HCPCS 2026 Q1", "HCPCS 2026 Q1, updated 2026-01-15"; effective the quarter's first day. */
export function quarterRelease(issue: QuarterIssue): { version: string; effectiveDate: string } {
  const month = String((issue.quarter - 1) * 3 + 1).padStart(2, "0");
  return reissued(`HCPCS ${issue.year} Q${issue.quarter}`, `${issue.year}-${month}-01`, issue.reissue);
}

function reissued(
  base: string,
  starts: string,
  reissue: Reissue | undefined,
): { version: string; effectiveDate: string } {
  if (!reissue) return { version: base, effectiveDate: starts };
  const word = reissue.kind === "errata" ? "errata" : "updated";
  if (!reissue.date) return { version: `${base}, ${word}`, effectiveDate: starts };
  return {
    version: `${base}, ${word} ${reissue.date}`,
    effectiveDate: reissue.date > starts ? reissue.date : starts,
  };
}
