import { parse } from "csv-parse/sync";
import { ParseError } from "../core/parse-error.js";
import { plainText } from "./plain-text.js";

/** One OIG Work Plan item (an audit, evaluation or inspection) as the export lists it. */
export interface WorkPlanItem {
  /** e.g. `A-01-21-00501`, `W-00-24-35862`. */
  readonly number: string;
  readonly title: string;
  readonly type: string;
  readonly seriesNumber: string;
  readonly seriesTitle: string;
  /** Plain text of the HTML narrative. */
  readonly narrative: string;
  readonly reportNumber: string;
  /** OAS (audits), OEI (evaluations)… */
  readonly component: string;
  readonly agencies: string;
  /** e.g. `ACTIVE`, `COMPLETED`. */
  readonly status: string;
  readonly announcedDate: string;
  readonly financialGroupTags: string;
  readonly issueAreaTags: string;
  readonly targetGroupTags: string;
  readonly estimatedFiscalYear: string;
}

const SOURCE = "oig-workplan";

const COLUMNS = {
  number: "Number",
  title: "Title",
  type: "Type",
  seriesNumber: "Series Number",
  seriesTitle: "Series Title",
  narrative: "Narrative",
  reportNumber: "Report Number",
  component: "Component",
  agencies: "Agencies",
  status: "Status",
  announcedDate: "Announced Date",
  financialGroupTags: "Financial Group Tags",
  issueAreaTags: "Issue Area Tags",
  targetGroupTags: "Target Group Tags",
  estimatedFiscalYear: "Est FY",
} as const satisfies Record<keyof WorkPlanItem, string>;

/**
 * Reads the Work Plan CSV export (`oig.hhs.gov/workplan/export-workplan/`): 15 named columns,
 * narratives as multi-line quoted HTML. The export has been seen to start with the byte-order
 * mark twice, so every leading BOM goes. Columns are found by name, so a reordering is harmless;
 * a missing column is a changed export and fails.
 */
export function parseWorkPlanExport(bytes: Buffer): WorkPlanItem[] {
  const text = bytes.toString("utf8").replace(/^(?:\uFEFF)+/, "");
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new ParseError(SOURCE, `not a readable CSV export: ${(error as Error).message}`);
  }
  const [header, ...records] = rows;
  if (!header) throw new ParseError(SOURCE, "the export is empty (no header)", 1);
  const names = header.map((name) => name.trim());
  const missing = Object.values(COLUMNS).filter((name) => !names.includes(name));
  if (missing.length > 0)
    throw new ParseError(SOURCE, `the header lacks ${missing.join(", ")} (has the export changed?)`, 1);
  const at = Object.fromEntries(
    Object.entries(COLUMNS).map(([field, name]) => [field, names.indexOf(name)]),
  ) as Record<keyof WorkPlanItem, number>;
  return records.map((record, index) => {
    const read = (field: keyof WorkPlanItem) => (record[at[field]] ?? "").replace(/\s+/g, " ").trim();
    const number = read("number");
    if (!number) throw new ParseError(SOURCE, `record ${index + 1} has no Number`);
    return {
      number,
      title: read("title"),
      type: read("type"),
      seriesNumber: read("seriesNumber"),
      seriesTitle: read("seriesTitle"),
      narrative: plainText(record[at.narrative] ?? ""),
      reportNumber: read("reportNumber"),
      component: read("component"),
      agencies: read("agencies"),
      status: read("status"),
      announcedDate: read("announcedDate"),
      financialGroupTags: read("financialGroupTags"),
      issueAreaTags: read("issueAreaTags"),
      targetGroupTags: read("targetGroupTags"),
      estimatedFiscalYear: read("estimatedFiscalYear"),
    };
  });
}
