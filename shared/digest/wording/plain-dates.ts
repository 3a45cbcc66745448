import { addDays } from "../../calendar/local-date.js";

/**
 * A date as a coder reads it, YYYY-MM-DD, from however the publisher wrote it: CMS's `20220101`,
 * an ISO time, or already a day. Undefined for CMS's "no date" marks (`*`, blank) and anything
 * that is not a date, so no `*` and no `20220101` ever reaches a reader.
 */
export function plainDate(value: string | undefined): string | undefined {
  const text = (value ?? "").trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return validDay(`${compact[1]}-${compact[2]}-${compact[3]}`);
  const day = /^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (day) return validDay(day[1]!);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return validDay(`${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`);
  return undefined;
}

/** The day after `day` (an NCCI deletion date is the edit's last day in effect). */
export function dayAfter(day: string): string {
  return addDays(day, 1);
}

function validDay(day: string): string | undefined {
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? undefined : day;
}

/** "I25.10, I25.11 and I25.118", with at most `max` named and the rest counted. */
export function listOf(items: readonly string[], max = 6): string {
  const named = items.slice(0, max);
  const rest = items.length - named.length;
  if (rest > 0) return `${named.join(", ")} and ${rest} more`;
  if (named.length <= 1) return named.join("");
  return `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
}

/** Quoted text for "was … now …" sentences, trimmed to a readable length. */
export function quoted(value: string | undefined, max = 160): string {
  const text = (value ?? "").replace(/\s+/g, " ").trim();
  if (text === "") return "(blank)";
  return `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;
}
