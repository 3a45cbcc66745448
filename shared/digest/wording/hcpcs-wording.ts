import type { ChangeRecord } from "../../changes/change-record.js";
import type { ChangeWording, FieldLabels } from "./change-wording.js";
import { dayAfter, listOf, plainDate, quoted } from "./plain-dates.js";

/** The HCPCS record's fields in words (the ANWEB file's columns). */
const LABELS: FieldLabels = {
  longDescription: "Long description",
  shortDescription: "Short description",
  pricingIndicators: "Pricing indicator",
  multiplePricingIndicator: "Multiple pricing indicator",
  cimReferences: "Coverage Issues Manual reference",
  mcmReferences: "Medicare Carriers Manual reference",
  statute: "Statute",
  labCertifications: "Lab certification",
  crossReferences: "Cross-reference codes",
  coverage: "Coverage code",
  ascPaymentGroup: "ASC payment group",
  ascEffectiveDate: "ASC payment group date",
  oppsStatusIndicator: "OPPS status indicator",
  oppsPaymentIndicator: "OPPS payment indicator",
  oppsEffectiveDate: "OPPS indicator date",
  procedureNote: "Procedure note",
  betos: "BETOS code",
  typesOfService: "Type of service",
  anesthesiaBaseUnits: "Anesthesia base units",
  addDate: "Date added",
  terminationDate: "Termination date",
};
const DATE_FIELDS = new Set([
  "ascEffectiveDate",
  "oppsEffectiveDate",
  "addDate",
  "terminationDate",
  "actionEffectiveDate",
]);
/** Why a line last changed, not what the code is: never shown on its own (see HCPCS's bookkeepingFields). */
const BOOKKEEPING = new Set(["actionCode", "actionEffectiveDate"]);

/** CMS's coverage codes (ANWEB COV). */
const COVERAGE: Readonly<Record<string, string>> = {
  C: "carrier judgment",
  D: "special coverage instructions apply",
  I: "not payable by Medicare",
  M: "not covered by Medicare",
  S: "not covered by Medicare statute",
};

/**
 * HCPCS Level II changes: a code added, terminated (with CMS's cross-reference codes as what to use
 * instead, when the file names them), reinstated, or its description, coverage or payment indicators
 * changed — every field in words, every date as a date.
 */
export function hcpcsWording(change: ChangeRecord): ChangeWording {
  const after = change.after ?? {};
  const before = change.before ?? {};
  // The long description is the code's full public title; the record's own title is the short one.
  const title = (after.longDescription || before.longDescription || change.title).trim();
  if (change.changeType === "deleted") {
    const last = plainDate(after.terminationDate ?? before.terminationDate);
    const replacements = codesIn(after.crossReferences ?? before.crossReferences);
    const use = replacements.length > 0 ? `use ${listOf(replacements)}` : "no replacement published";
    const headline =
      change.reason === "terminated"
        ? `terminated${last ? `: last billable on ${last}` : ""} — ${use}`
        : `removed from CMS's HCPCS file — ${use}`;
    return {
      kind: "deleted",
      title,
      headline,
      details: [],
      replacements,
      // The termination date is the last day the code may be billed: the deletion applies from the next.
      ...(last
        ? { effectiveDate: dayAfter(last) }
        : change.effectiveDate
          ? { effectiveDate: change.effectiveDate.slice(0, 10) }
          : {}),
    };
  }
  if (change.changeType === "added") {
    const from =
      plainDate(after.actionEffectiveDate) ?? plainDate(after.addDate) ?? change.effectiveDate?.slice(0, 10);
    return {
      kind: change.reason === "reinstated" ? "reinstated" : "new",
      title,
      headline: change.reason === "reinstated" ? "reinstated: billable again" : "new code",
      details: coverageOf(after),
      ...(from ? { effectiveDate: from } : {}),
    };
  }
  const shown = change.fields.filter((field) => !BOOKKEEPING.has(field.field));
  const named = shown.filter((field) => LABELS[field.field]);
  const details = named.map((field) => fieldSentence(field.field, field.before, field.after));
  if (named.length < shown.length) details.push("Other details of the record changed.");
  const described = shown.some(
    (field) => field.field === "longDescription" || field.field === "shortDescription",
  );
  const others = named.filter(
    (field) => field.field !== "longDescription" && field.field !== "shortDescription",
  );
  const parts = [
    ...(described ? ["description changed"] : []),
    ...(others.length > 0
      ? [
          `${listOf(
            others.map((field) => LABELS[field.field]!.toLowerCase()),
            3,
          )} changed`,
        ]
      : []),
  ];
  return {
    kind: "revised",
    title,
    headline: parts.length > 0 ? parts.join("; ") : "details changed",
    details,
    ...(change.effectiveDate ? { effectiveDate: change.effectiveDate.slice(0, 10) } : {}),
  };
}

function fieldSentence(field: string, before: string, after: string): string {
  const label = LABELS[field]!;
  if (DATE_FIELDS.has(field)) {
    return `${label} was ${plainDate(before) ?? "not set"}; now ${plainDate(after) ?? "not set"}.`;
  }
  if (field === "coverage") return `${label} was ${coverageWords(before)}; now ${coverageWords(after)}.`;
  if (field === "crossReferences") {
    return `${label} were ${listOf(codesIn(before)) || "none"}; now ${listOf(codesIn(after)) || "none"}.`;
  }
  return `${label} was ${quoted(before)}; now ${quoted(after)}.`;
}

function coverageOf(values: Readonly<Record<string, string>>): string[] {
  const code = (values.coverage ?? "").trim();
  return code ? [`Coverage: ${coverageWords(code)}.`] : [];
}

function coverageWords(code: string): string {
  const trimmed = code.trim();
  if (trimmed === "") return "not set";
  return COVERAGE[trimmed] ? `${trimmed} (${COVERAGE[trimmed]})` : trimmed;
}

function codesIn(value: string | undefined): string[] {
  return (value ?? "").split(/\s+/).filter((code) => /^[A-Z0-9]{4,5}$/i.test(code));
}
