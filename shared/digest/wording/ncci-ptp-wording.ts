import type { ChangeRecord } from "../../changes/change-record.js";
import type { ChangeWording } from "./change-wording.js";
import { dayAfter, plainDate, quoted } from "./plain-dates.js";

/** CMS's modifier indicators, in what they mean on a claim. */
const MODIFIER: Readonly<Record<string, { readonly now: string; readonly means: string }>> = {
  "0": {
    now: "modifier no longer allowed (indicator 0)",
    means:
      "No modifier bypasses it: the column 2 code is not paid with the column 1 code on the same day (indicator 0).",
  },
  "1": {
    now: "modifier now allowed (indicator 1)",
    means:
      "An NCCI-associated modifier (such as 59, XE, XS, XP or XU) allows both when the services were distinct (indicator 1).",
  },
  "9": {
    now: "edit no longer applies (indicator 9)",
    means: "The edit does not apply (indicator 9).",
  },
};

/**
 * NCCI procedure-to-procedure edits, as a coder plans by them: a new edit bundles the column 2 code
 * into the column 1 code from a date; a removed edit means the pair may be billed together from the
 * day after its deletion date (CMS's deletion date is the edit's last day in effect); a modifier
 * indicator is what it allows. CMS's `*` (no deletion date) and `YYYYMMDD` dates never show.
 */
export function ncciPtpWording(change: ChangeRecord): ChangeWording {
  const [column1, column2] = pairOf(change.key);
  const values = change.after ?? change.before ?? {};
  const releaseDate = change.effectiveDate?.slice(0, 10) || undefined;
  const edit = plainDate(values.effectiveDate);
  const modifier = MODIFIER[(values.modifierIndicator ?? "").trim()];
  const reason = (values.rationale ?? "").trim();
  const reasonSentence = reason ? [`Reason: ${reason}.`] : [];
  if (change.changeType === "added") {
    const from = edit && (!releaseDate || edit >= releaseDate) ? edit : releaseDate;
    const again = change.reason === "edit-reinstated";
    return {
      kind: "new-edit",
      title: "",
      headline: `${again ? "edit back in effect" : "new edit"}${from ? ` from ${from}` : ""}: ${column2} is bundled into ${column1}${again ? " again" : ""}`,
      details: [...(modifier ? [modifier.means] : []), ...reasonSentence],
      ...(from ? { effectiveDate: from } : {}),
    };
  }
  if (change.changeType === "deleted") {
    const lastDay = change.reason === "edit-deleted" ? plainDate(change.after?.deletionDate) : undefined;
    const from = lastDay ? dayAfter(lastDay) : releaseDate;
    return {
      kind: "edit-removed",
      title: "",
      headline: `edit removed${from ? ` from ${from}` : ""} — may be billed together`,
      details: lastDay
        ? [`The edit applied through ${lastDay}.`]
        : ["CMS dropped the edit from its file in this release."],
      ...(from ? { effectiveDate: from } : {}),
    };
  }
  const headlines: string[] = [];
  const details: string[] = [];
  for (const field of change.fields) {
    if (field.field === "modifierIndicator") {
      const now = MODIFIER[field.after.trim()];
      headlines.push(now?.now ?? "modifier indicator changed");
      if (now) details.push(now.means);
    } else if (field.field === "rationale") {
      headlines.push("reason changed");
      details.push(`Reason was ${quoted(field.before)}; now ${quoted(field.after)}.`);
    } else if (field.field === "effectiveDate") {
      headlines.push("edit's effective date changed");
      details.push(
        `The edit applied from ${plainDate(field.before) ?? "no date"}; now from ${plainDate(field.after) ?? "no date"}.`,
      );
    } else if (field.field === "deletionDate") {
      headlines.push("edit's end date changed");
      details.push(
        `Last day in effect was ${plainDate(field.before) ?? "none"}; now ${plainDate(field.after) ?? "none"}.`,
      );
    } else if (field.field === "priorTo1996") {
      details.push("CMS's mark for edits in effect before 1996 changed.");
    }
  }
  return {
    kind: change.fields.some((field) => field.field === "modifierIndicator") ? "modifier" : "edit-revised",
    title: "",
    headline: headlines.length > 0 ? headlines.join("; ") : "edit details changed",
    details,
    ...(releaseDate ? { effectiveDate: releaseDate } : {}),
  };
}

function pairOf(key: string): [string, string] {
  const at = key.indexOf(":");
  return at < 0 ? [key, ""] : [key.slice(0, at), key.slice(at + 1)];
}
