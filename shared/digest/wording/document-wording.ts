import type { ChangeRecord } from "../../changes/change-record.js";
import { documentSummary } from "../../changes/document-summary.js";
import type { ChangeWording, FieldLabels } from "./change-wording.js";
import { plainDate, quoted } from "./plain-dates.js";

/**
 * The document fields a reader is shown, in words, whichever source named them (the Federal
 * Register API's snake_case, a transmittal page's, the fields every document source records:
 * `documentType`, `effectiveDate`, `commentDeadline`, `officialUrl`). Any other field stays
 * unnamed: a change to it reads "other details changed".
 */
const LABELS: FieldLabels = {
  documentType: "Type",
  type: "Type",
  publication_date: "Published",
  published: "Published",
  issue_date: "Issued",
  effectiveDate: "Takes effect",
  effective_on: "Takes effect",
  implementation_date: "Implementation date",
  commentDeadline: "Comments due",
  comments_close_on: "Comments due",
  citation: "Citation",
  status: "Status",
};
const DATE_LABELS = new Set(["Published", "Issued", "Takes effect", "Implementation date", "Comments due"]);
/** The field holding the day a document's content applies from, in order of preference. */
const EFFECTIVE_FIELDS = ["effectiveDate", "effective_on", "implementation_date"];
const FACT_ORDER = [
  "documentType",
  "type",
  "publication_date",
  "published",
  "issue_date",
  "effectiveDate",
  "effective_on",
  "implementation_date",
  "commentDeadline",
  "comments_close_on",
  "citation",
];

/**
 * Rules, transmittals, news and OIG items: what the document is and its dates. The record's own
 * account of the document (`change.document`: its type, the date it gives itself and what that date
 * is, its comment deadline) comes first; records written before it carried one are read from their
 * fields. Only an effective or implementation date is one a change takes effect on, never an
 * announcement's or the day it was collected.
 */
export function documentWording(change: ChangeRecord): ChangeWording {
  const values = change.after ?? change.before ?? {};
  const described = change.document;
  const effective = described
    ? described.dateLabel === "effective" || described.dateLabel === "implementation"
      ? plainDate(change.effectiveDate)
      : undefined
    : EFFECTIVE_FIELDS.map((field) => plainDate(values[field])).find((day) => day !== undefined);
  const facts = described
    ? [documentSummary(described, change.effectiveDate?.slice(0, 10) ?? "")]
    : factsOf(values);
  const common = {
    title: change.title,
    kind: "document" as const,
    ...(effective ? { effectiveDate: effective } : {}),
  };
  if (change.changeType === "added") return { ...common, headline: "new document", details: facts };
  if (change.changeType === "deleted")
    return { ...common, headline: "no longer listed by the publisher", details: [] };
  const named = change.fields.filter((field) => LABELS[field.field] || field.field === "title");
  const details = named.map((field) => {
    if (field.field === "title") return `Title was ${quoted(field.before)}; now ${quoted(field.after)}.`;
    const label = LABELS[field.field]!;
    const show = (value: string) =>
      DATE_LABELS.has(label) ? (plainDate(value) ?? "not set") : quoted(value);
    return `${label} was ${show(field.before)}; now ${show(field.after)}.`;
  });
  if (named.length < change.fields.length) details.push("Other details changed.");
  return { ...common, headline: "updated", details: described ? [...facts, ...details] : details };
}

function factsOf(values: Readonly<Record<string, string>>): string[] {
  const facts: string[] = [];
  const seen = new Set<string>();
  for (const field of FACT_ORDER) {
    const label = LABELS[field]!;
    const raw = (values[field] ?? "").trim();
    if (raw === "" || seen.has(label)) continue;
    const shown = DATE_LABELS.has(label) ? plainDate(raw) : raw;
    if (!shown) continue;
    seen.add(label);
    facts.push(`${label}: ${shown}.`);
  }
  return facts.length > 0 ? [facts.join(" ")] : [];
}
