import type { ChangeRecord } from "../../changes/change-record.js";
import type { ChangeWording, WordingContext } from "./change-wording.js";
import { listOf, quoted } from "./plain-dates.js";

/**
 * ICD-10-CM and ICD-10-PCS changes. A deleted code names what to use instead: a code that became
 * a header points at its new subcodes (added in the same release); otherwise CMS's code file names
 * no replacement (its conversion table is a separate publication), and the sentence says so.
 */
export function icd10Wording(change: ChangeRecord, context: WordingContext): ChangeWording {
  const effectiveDate = change.effectiveDate?.slice(0, 10) || undefined;
  const common = { title: change.title, ...(effectiveDate ? { effectiveDate } : {}) };
  // CMS corrects a double space now and then (FY2019 has some 30): the words a coder reads stay
  // the same, so quoting the old and new title would only show two identical lines.
  if (change.changeType === "revised" && spacingOnly(change)) {
    return {
      ...common,
      kind: "revised",
      headline:
        change.category === "header"
          ? "heading title spacing corrected (same words)"
          : "title spacing corrected (same words)",
      details: [],
    };
  }
  if (change.category === "header") {
    const headline =
      change.changeType === "added"
        ? "new heading (not a billable code)"
        : change.changeType === "deleted"
          ? "heading removed"
          : "heading title changed";
    return {
      ...common,
      kind: change.changeType === "revised" ? "revised" : change.changeType === "added" ? "new" : "deleted",
      headline,
      details: titleChanges(change),
    };
  }
  if (change.changeType === "added") {
    return {
      ...common,
      kind: "new",
      headline: change.reason === "header-to-code" ? "billable again (it was a header)" : "new code",
      details: [],
    };
  }
  if (change.changeType === "deleted") {
    const subcodes = change.reason === "expanded-to-header" ? context.subcodesOf(change) : [];
    if (change.reason === "expanded-to-header") {
      return {
        ...common,
        kind: "deleted",
        headline:
          subcodes.length > 0
            ? `deleted — now a header: use its new subcodes ${listOf(subcodes)}`
            : "deleted — now a header: use one of its subcodes",
        details: [],
        replacements: subcodes,
      };
    }
    return { ...common, kind: "deleted", headline: "deleted — no replacement published", details: [] };
  }
  const shortOnly = change.reason === "short-title-only";
  return {
    ...common,
    kind: "revised",
    headline: shortOnly ? "abbreviated title changed" : "title changed",
    details: titleChanges(change),
  };
}

/** The title's change; the abbreviated title's only when nothing else changed (it follows the title). */
function titleChanges(change: ChangeRecord): string[] {
  const labels: Readonly<Record<string, string>> = { longTitle: "Title", shortTitle: "Abbreviated title" };
  const titled = change.fields.some((field) => field.field === "longTitle");
  return change.fields
    .filter((field) => labels[field.field] && !(titled && field.field === "shortTitle"))
    .map((field) => `${labels[field.field]} was ${quoted(field.before)}; now ${quoted(field.after)}.`);
}

function spacingOnly(change: ChangeRecord): boolean {
  const words = (value: string) => value.replace(/\s+/g, " ").trim();
  return (
    change.fields.length > 0 && change.fields.every((field) => words(field.before) === words(field.after))
  );
}
