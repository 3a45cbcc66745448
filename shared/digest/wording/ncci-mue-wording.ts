import type { ChangeRecord } from "../../changes/change-record.js";
import type { ChangeWording } from "./change-wording.js";
import { quoted } from "./plain-dates.js";

/** MUE adjudication indicators (MAI): how the limit counts and what happens above it. */
const MAI: Readonly<Record<string, { readonly kind: string; readonly per: string; readonly means: string }>> =
  {
    "1": {
      kind: "claim-line edit",
      per: "per claim line",
      means:
        "Units above the limit on one claim line are denied; more may be reported on separate lines with an appropriate modifier (MAI 1).",
    },
    "2": {
      kind: "date-of-service edit, policy",
      per: "per day",
      means:
        "An absolute limit per day set by policy: units above it are not paid, and an appeal does not change that (MAI 2).",
    },
    "3": {
      kind: "date-of-service edit, clinical",
      per: "per day",
      means:
        "A limit per day on clinical grounds: units above it are denied and may be paid on appeal with documentation of medical necessity (MAI 3).",
    },
  };

/**
 * NCCI medically unlikely edits: a code's unit limit in a sentence — "10 → 4 units per day
 * (date-of-service edit, clinical)" — with what its adjudication indicator means in words.
 */
export function ncciMueWording(change: ChangeRecord): ChangeWording {
  const values = change.after ?? change.before ?? {};
  const mai = MAI[indicatorOf(values.adjudicationIndicator)];
  const effectiveDate = change.effectiveDate?.slice(0, 10) || undefined;
  const common = { title: "", ...(effectiveDate ? { effectiveDate } : {}) };
  const kind = mai ? ` (${mai.kind})` : "";
  if (change.changeType === "added") {
    return {
      ...common,
      kind: "mue",
      headline: `new limit: ${units(values.mueValue)} ${mai?.per ?? ""}${kind}`.replace(/\s+\(/, " ("),
      details: [...(mai ? [mai.means] : []), ...reason(values.rationale)],
    };
  }
  if (change.changeType === "deleted") {
    return {
      ...common,
      kind: "mue",
      headline: "MUE removed — no unit limit published",
      details: [
        `The limit was ${units(change.before?.mueValue)} ${MAI[indicatorOf(change.before?.adjudicationIndicator)]?.per ?? ""}.`.replace(
          / \./,
          ".",
        ),
      ],
    };
  }
  const before = change.before ?? {};
  const after = change.after ?? {};
  const headlines: string[] = [];
  const details: string[] = [];
  const valueChanged = before.mueValue !== after.mueValue;
  const maiBefore = MAI[indicatorOf(before.adjudicationIndicator)];
  if (valueChanged) {
    headlines.push(
      `${before.mueValue ?? "?"} → ${units(after.mueValue)} ${mai?.per ?? ""}${kind}`.replace(/\s+\(/, " ("),
    );
  }
  if (indicatorOf(before.adjudicationIndicator) !== indicatorOf(after.adjudicationIndicator)) {
    headlines.push(
      `now a ${mai?.kind ?? "different edit"}${maiBefore ? ` (was a ${maiBefore.kind})` : ""}${valueChanged ? "" : `: ${units(after.mueValue)} ${mai?.per ?? ""}`.trimEnd()}`,
    );
  }
  if (mai && headlines.length > 0) details.push(mai.means);
  if ((before.rationale ?? "") !== (after.rationale ?? "")) {
    if (headlines.length === 0) headlines.push("reason changed");
    details.push(`Reason was ${quoted(before.rationale)}; now ${quoted(after.rationale)}.`);
  }
  return { ...common, kind: "mue", headline: headlines.join("; ") || "MUE details changed", details };
}

function units(value: string | undefined): string {
  const text = (value ?? "").trim();
  if (text === "0") return "0 units (not payable)";
  return `${text || "?"} unit${text === "1" ? "" : "s"}`;
}

/** `3 Date of Service Edit: Clinical` → `3`. */
function indicatorOf(value: string | undefined): string {
  return (value ?? "").trim().charAt(0);
}

function reason(value: string | undefined): string[] {
  const text = (value ?? "").trim();
  return text ? [`Reason: ${text}.`] : [];
}
