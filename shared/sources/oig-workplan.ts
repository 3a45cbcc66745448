import { documentRules } from "../documents/document-rules.js";
import { documentSnapshot } from "../documents/document-snapshot.js";
import type { WorkPlanItem } from "../documents/oig-workplan-export.js";
import { tagDocument } from "../tagging/document-tags.js";
import type { DocumentSource } from "./source.js";

const EXPORT_URL = "https://oig.hhs.gov/workplan/export-workplan/";

export const OIG_WORKPLAN_RULES = documentRules(
  "oig-workplan",
  "OIG Work Plan",
  [
    "title",
    "type",
    "status",
    "announced_date",
    "component",
    "agencies",
    "report_number",
    "est_fy",
    "topics",
    "codes",
  ],
  {
    listedOnField: "announced_date",
    // A work plan item takes no effect: the one date OIG gives is the day it announced the work.
    facts: (values) => ({
      documentType: "Work plan item",
      effectiveDate: values.announced_date ?? "",
      dateLabel: "announced",
      commentsCloseOn: "",
      officialUrl: "",
    }),
  },
);

/**
 * The HHS OIG Work Plan: what OIG has said it will audit or evaluate. The export lists every
 * item, active and completed, so an item that leaves it was removed; a new item is a new audit
 * topic and a changed status (ACTIVE → COMPLETED) a revision.
 */
export const oigWorkplan: DocumentSource = {
  id: "oig-workplan",
  kind: "documents",
  title: "HHS OIG Work Plan",
  rules: OIG_WORKPLAN_RULES,
  // OIG updates the Work Plan monthly, on no fixed day: one small CSV a day catches it the day it lands.
  cadence: { schedule: "cron(0 14 * * ? *)", silentAfterHours: 72 },
  coverage: "complete",
  async gather({ now, fetch }) {
    // Loaded when the export is read, not with the catalog: its HTML cells need an HTML parser.
    const { parseWorkPlanExport } = await import("../documents/oig-workplan-export.js");
    const response = await fetch({ url: EXPORT_URL, expect: "text" });
    const items = parseWorkPlanExport(response.bytes);
    return {
      snapshot: documentSnapshot(OIG_WORKPLAN_RULES, now, items.map(itemLine)),
      responses: [response],
    };
  },
};

function itemLine(item: WorkPlanItem) {
  const tags = tagDocument([item.title, item.seriesTitle, item.narrative]);
  return {
    key: item.number,
    values: {
      title: item.title,
      type: item.type,
      status: item.status,
      announced_date: item.announcedDate,
      component: item.component,
      agencies: item.agencies,
      report_number: item.reportNumber,
      est_fy: item.estimatedFiscalYear,
      topics: tags.topics,
      codes: tags.codes,
    },
  };
}
