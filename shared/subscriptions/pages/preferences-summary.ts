import { FOLLOWABLE_CODE_SYSTEMS, FOLLOWABLE_DOCUMENT_SOURCES } from "../../specialties/followable.js";
import { SPECIALTIES } from "../../specialties/specialty-catalog.js";
import { WORK_SETTINGS } from "../../specialties/work-setting.js";
import type { Preferences } from "../../subscribers/subscriber.js";
import { PREFERENCE_CHOICES } from "./preferences-form.js";

const SHOWN_WATCHLIST_CODES = 8;

/** Preferences in a few sentences: what a confirmation applies, shown before the button is pressed. */
export function preferencesSummary(preferences: Preferences): string[] {
  const { interests } = preferences;
  const lines: string[] = [];
  lines.push(
    interests.workSetting
      ? `Work setting: ${WORK_SETTINGS[interests.workSetting].label}.`
      : "Work setting: not chosen (every code set).",
  );
  if (interests.specialties.length > 0) {
    lines.push(
      `Specialties: ${interests.specialties.map((id) => SPECIALTIES.get(id)?.label ?? id).join(", ")}.`,
    );
  }
  const watchlist = interests.watchlist ?? [];
  if (watchlist.length > 0) {
    const shown = watchlist.slice(0, SHOWN_WATCHLIST_CODES).join(", ");
    lines.push(
      `Watchlist: ${watchlist.length} code${watchlist.length === 1 ? "" : "s"} (${shown}${watchlist.length > SHOWN_WATCHLIST_CODES ? ", …" : ""}).`,
    );
  }
  const systems = interests.codeSystems.map(
    (id) => FOLLOWABLE_CODE_SYSTEMS.find((s) => s.id === id)?.label ?? id,
  );
  if (systems.length > 0) lines.push(`Whole code sets: ${systems.join(", ")}.`);
  const sources = interests.sources.map(
    (id) => FOLLOWABLE_DOCUMENT_SOURCES.find((s) => s.id === id)?.label ?? id,
  );
  if (sources.length > 0) lines.push(`Documents: ${sources.join(", ")}.`);
  if (interests.codeRanges.length > 0) lines.push(`Extra code ranges: ${interests.codeRanges.join(", ")}.`);
  if (interests.keywords.length > 0) lines.push(`Keywords: ${interests.keywords.join(", ")}.`);
  const frequency =
    PREFERENCE_CHOICES.frequencies.find((f) => f.id === preferences.frequency)?.label ??
    preferences.frequency;
  const hour =
    PREFERENCE_CHOICES.hours.find((h) => h.id === String(preferences.sendHour))?.label ??
    String(preferences.sendHour);
  lines.push(`${frequency} digest at ${hour}, ${preferences.timeZone.replace(/_/g, " ")} time.`);
  if (preferences.credentials.length > 0) {
    lines.push(
      `CEU reminders for ${preferences.credentials.map((c) => `${c.credential} (cycle ends ${c.cycleEnd})`).join(", ")}.`,
    );
  }
  return lines;
}
