import type { ChangeRecord } from "../../changes/change-record.js";
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

/** Rules, transmittals, news and OIG items: what the document is and its dates. */
export function documentWording(change: ChangeRecord): ChangeWording {
  const values = change.after ?? change.before ?? {};
  const effective = EFFECTIVE_FIELDS.map((field) => plainDate(values[field])).find(
    (day) => day !== undefined,
  );
  const facts = factsOf(values);
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
  return { ...common, headline: "updated", details };
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
