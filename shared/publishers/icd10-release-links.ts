import { linkPath, type PageLink, publishedFileName } from "./page-links.js";
import { reissueIn } from "./publisher-dates.js";
import { type FiscalYearIssue, fiscalYearRelease } from "./release-names.js";

export type Icd10System = "icd10cm" | "icd10pcs";

/** A per-year page the CMS ICD-10 page links, e.g. `2026 ICD-10-CM` → `…/icd-10-codes/2026-icd-10-cm`. */
export interface YearPage {
  readonly system: Icd10System;
  readonly fiscalYear: number;
  readonly url: string;
}

/** An order-file release found on a publisher's page or listing. */
export interface Icd10ReleaseLink {
  readonly system: Icd10System;
  readonly version: string;
  readonly effectiveDate: string;
  readonly url: string;
  /** The link text or file name it was recognised by. */
  readonly text: string;
}

const SYSTEM_WORDS: Record<Icd10System, RegExp> = {
  icd10cm: /icd[-\s]?10[-\s]?cm\b/i,
  icd10pcs: /icd[-\s]?10[-\s]?pcs\b/i,
};

/** The year pages among a landing page's links: text or address names a year and exactly one system. */
export function yearPagesOf(links: readonly PageLink[]): YearPage[] {
  const pages = new Map<string, YearPage>();
  for (const link of links) {
    const path = linkPath(link.href);
    if (/\.(zip|pdf|xlsx?|txt)$/i.test(path)) continue;
    const words = `${link.text} ${path.split("/").pop() ?? ""}`;
    const year = /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(words)?.[1];
    const systems = (Object.keys(SYSTEM_WORDS) as Icd10System[]).filter((system) =>
      SYSTEM_WORDS[system].test(words),
    );
    if (!year || systems.length !== 1) continue;
    pages.set(link.href, { system: systems[0]!, fiscalYear: Number(year), url: link.href });
  }
  return [...pages.values()];
}

/** Products published beside the order files, never an order file themselves. */
const NOT_ORDER_FILES =
  /addend|table|index|gem|conversion|poa|guideline|drug|neoplasm|present|duplicate|mapping|reimbursement|definitions|tabular-and|code-tables|xml|pdf/i;

/**
 * Whether a zip link is an order-file release of `system`: ICD-10-CM's "code descriptions in
 * tabular order" (`2025-code-descriptions-tabular-order.zip`, before 2021 `2020-ICD-10-CM-Codes.zip`,
 * CDC's `icd10cm-Codes-Descriptions-April-2024.zip`, `Code-desciptions-April-2025.zip` [sic],
 * `icd10-Order-CodeFiles2023.zip`); ICD-10-PCS's "order file"
 * (`2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip`); an errata zip on a year page.
 */
function isOrderFileLink(system: Icd10System, path: string, text: string, onYearPage: boolean): boolean {
  const file = publishedFileName(path);
  const words = `${file} ${text}`;
  if (!/\.zip$/i.test(path) || NOT_ORDER_FILES.test(words.replace(/tabular[-_\s]order/gi, ""))) return false;
  if (/^errata\b/i.test(file)) return onYearPage;
  if (system === "icd10pcs") return /pcs/i.test(words) && /order/i.test(words);
  if (/pcs/i.test(words)) return false;
  return /codes?[-_\s]*desc|tabular[-_\s]*order|order[-_\s]*code|icd[-_\s]?10[-_\s]?cm[-_\s]*codes|\border\b/i.test(
    words,
  );
}

/** Which issue of a fiscal year a link names: April update, re-issue, errata, or the October release. */
export function issueOf(fiscalYear: number, path: string, text: string): FiscalYearIssue {
  const file = publishedFileName(path);
  const reissue = reissueIn(file) ?? reissueIn(text);
  const april = /april/i.test(file.replace(/(updated|errata)[-_\s].*$/i, "")) || /\bapril\s*1\b/i.test(text);
  return { fiscalYear, update: april ? "april" : "october", ...(reissue ? { reissue } : {}) };
}

/** The fiscal year a file names, when it does (`2026-…`, `FY2026`, `…-2024.zip`, `…Files2023.zip`). */
export function fiscalYearIn(path: string): number | undefined {
  const file = publishedFileName(path).replace(/(updated|errata)[-_\s].*$/i, "");
  const year = /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/.exec(file)?.[1];
  return year ? Number(year) : undefined;
}

/**
 * The order-file releases of `system` among a page's links. On a year page the fiscal year is the
 * page's; elsewhere the file's own name must give it.
 */
export function icd10ReleasesOf(
  system: Icd10System,
  links: readonly PageLink[],
  page?: { readonly fiscalYear: number },
): Icd10ReleaseLink[] {
  const found = new Map<string, Icd10ReleaseLink>();
  for (const link of links) {
    const path = linkPath(link.href);
    if (!isOrderFileLink(system, path, link.text, page !== undefined)) continue;
    const fiscalYear = page?.fiscalYear ?? fiscalYearIn(path);
    if (fiscalYear === undefined) continue;
    const { version, effectiveDate } = fiscalYearRelease(issueOf(fiscalYear, path, link.text));
    found.set(link.href, { system, version, effectiveDate, url: link.href, text: link.text || path });
  }
  return [...found.values()];
}
