import type { z } from "zod";
import { CREDENTIAL_RULES } from "../../ceu/credentials.js";
import { FOLLOWABLE_CODE_SYSTEMS, FOLLOWABLE_DOCUMENT_SOURCES } from "../../specialties/followable.js";
import { SPECIALTIES } from "../../specialties/specialty-catalog.js";
import {
  distinctEntries,
  readTypedWatchlist,
  readWatchlistCsv,
  watchlistCapProblem,
} from "../../specialties/watchlist.js";
import { WORK_SETTING_IDS, WORK_SETTINGS } from "../../specialties/work-setting.js";
import { FREQUENCIES, type Preferences, preferencesSchema } from "../../subscribers/subscriber.js";
import type { FormBody } from "../form-body.js";

/** A refused field: its form control's id, and a sentence. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The preferences form as its controls show it (all text: what the person typed comes back). */
export interface PreferencesValues {
  readonly workSetting: string;
  readonly specialties: readonly string[];
  readonly watchlist: string;
  readonly codeSystems: readonly string[];
  readonly codeRanges: string;
  readonly keywords: string;
  readonly sources: readonly string[];
  readonly frequency: string;
  readonly timeZone: string;
  readonly sendHour: string;
  readonly credentials: readonly { readonly credential: string; readonly cycleEnd: string }[];
}

/** Credential rows the form shows: those held, and at least two empty ones to add more. */
const CREDENTIAL_ROWS_MIN = 3;
const CREDENTIAL_ROWS_MAX = 12;

const US_TIME_ZONES = [
  ["America/New_York", "Eastern (New York)"],
  ["America/Chicago", "Central (Chicago)"],
  ["America/Denver", "Mountain (Denver)"],
  ["America/Phoenix", "Mountain, no daylight saving (Phoenix)"],
  ["America/Los_Angeles", "Pacific (Los Angeles)"],
  ["America/Anchorage", "Alaska (Anchorage)"],
  ["Pacific/Honolulu", "Hawaii (Honolulu)"],
  ["America/Puerto_Rico", "Atlantic (Puerto Rico)"],
  ["Pacific/Guam", "Chamorro (Guam)"],
] as const;

/** Everything the form's controls offer, for the templates. */
export const PREFERENCE_CHOICES = {
  workSettings: WORK_SETTING_IDS.map((id) => ({ id, label: WORK_SETTINGS[id].label })),
  specialties: [...SPECIALTIES.values()].map((s) => ({ id: s.id, label: s.label })),
  codeSystems: FOLLOWABLE_CODE_SYSTEMS,
  sources: FOLLOWABLE_DOCUMENT_SOURCES,
  frequencies: FREQUENCIES.map((id) => ({
    id,
    label: { daily: "Daily", weekly: "Weekly (Mondays)", monthly: "Monthly (the 1st)" }[id],
  })),
  hours: Array.from({ length: 24 }, (_, hour) => ({ id: String(hour), label: hourLabel(hour) })),
  credentialGroups: (["AAPC", "AHIMA", "NHA"] as const).map((body) => ({
    body,
    credentials: CREDENTIAL_RULES.filter((rule) => rule.body === body).map((rule) => ({
      id: rule.credential,
      label: `${rule.credential} – ${rule.name}`,
    })),
  })),
  timeZones: (current: string) =>
    US_TIME_ZONES.some(([id]) => id === current)
      ? US_TIME_ZONES.map(([id, label]) => ({ id, label }))
      : [{ id: current, label: current }, ...US_TIME_ZONES.map(([id, label]) => ({ id, label }))],
};

export const EMPTY_VALUES: PreferencesValues = {
  workSetting: "",
  specialties: [],
  watchlist: "",
  codeSystems: [],
  codeRanges: "",
  keywords: "",
  sources: [],
  frequency: "weekly",
  timeZone: "America/New_York",
  sendHour: "7",
  credentials: [],
};

/** The form filled from stored preferences. */
export function valuesOf(preferences: Preferences): PreferencesValues {
  const { interests } = preferences;
  return {
    workSetting: interests.workSetting ?? "",
    specialties: interests.specialties,
    watchlist: (interests.watchlist ?? []).join("\n"),
    codeSystems: interests.codeSystems,
    codeRanges: interests.codeRanges.join(", "),
    keywords: interests.keywords.join(", "),
    sources: interests.sources,
    frequency: preferences.frequency,
    timeZone: preferences.timeZone,
    sendHour: String(preferences.sendHour),
    credentials: preferences.credentials.map(({ credential, cycleEnd }) => ({ credential, cycleEnd })),
  };
}

/** Rows to show: the values' credentials, then empty rows up to the minimum plus one. */
export function credentialRows(values: PreferencesValues): PreferencesValues["credentials"] {
  const rows = [...values.credentials];
  const target = Math.min(CREDENTIAL_ROWS_MAX, Math.max(CREDENTIAL_ROWS_MIN, rows.length + 1));
  while (rows.length < target) rows.push({ credential: "", cycleEnd: "" });
  return rows;
}

export interface PreferencesReading {
  readonly values: PreferencesValues;
  readonly preferences?: Preferences;
  readonly errors: readonly FieldError[];
}

/**
 * The preferences a form submitted, validated by `preferencesSchema` (the one rule set every door
 * uses), with each refusal as a sentence tied to its control. An uploaded watchlist is added to
 * the typed one; on a refusal the box shows what was read, so nothing typed or uploaded is lost.
 */
export function readPreferencesForm(
  form: FormBody,
  options: { requireWorkSetting: boolean },
): PreferencesReading {
  const errors: FieldError[] = [];
  const typed = readTypedWatchlist(form.get("watchlist") ?? "");
  const uploadText = form.file("watchlistFile");
  const uploaded = uploadText === undefined ? undefined : readWatchlistCsv(uploadText);
  for (const problem of typed.problems) errors.push({ field: "watchlist", message: `Watchlist: ${problem}` });
  for (const problem of uploaded?.problems ?? [])
    errors.push({ field: "watchlistFile", message: `Uploaded file: ${problem}` });
  const watchlist = distinctEntries([...typed.entries, ...(uploaded?.entries ?? [])]);
  const cap = watchlistCapProblem(watchlist.length);
  if (cap) errors.push({ field: "watchlist", message: cap });

  const credentials: { credential: string; cycleEnd: string }[] = [];
  for (let row = 0; row < CREDENTIAL_ROWS_MAX; row++) {
    const credential = (form.get(`credential-${row}`) ?? "").trim();
    const cycleEnd = (form.get(`cycleEnd-${row}`) ?? "").trim();
    if (credential === "" && cycleEnd === "") continue;
    credentials.push({ credential, cycleEnd });
  }
  const values: PreferencesValues = {
    workSetting: form.get("workSetting") ?? "",
    specialties: form.getAll("specialties"),
    // Typed text as typed; an upload's codes added below it, so the person sees what was read.
    watchlist: [form.get("watchlist") ?? "", ...(uploaded ? uploaded.entries : [])]
      .filter((t) => t !== "")
      .join("\n"),
    codeSystems: form.getAll("codeSystems"),
    codeRanges: form.get("codeRanges") ?? "",
    keywords: form.get("keywords") ?? "",
    sources: form.getAll("sources"),
    frequency: form.get("frequency") ?? "",
    timeZone: form.get("timeZone") ?? "",
    sendHour: form.get("sendHour") ?? "",
    credentials,
  };
  if (options.requireWorkSetting && values.workSetting === "") {
    errors.push({
      field: "workSetting",
      message: "Choose where you work: it decides which code sets you receive.",
    });
  }
  credentials.forEach((row, index) => {
    if (row.credential === "")
      errors.push({
        field: `credential-${index}`,
        message: `Credential ${index + 1}: choose the credential.`,
      });
    if (row.cycleEnd === "")
      errors.push({
        field: `cycleEnd-${index}`,
        message: `Credential ${index + 1}: enter the day its CEU cycle ends (your renewal or recertification date).`,
      });
  });

  const parsed = preferencesSchema.safeParse({
    interests: {
      ...(values.workSetting ? { workSetting: values.workSetting } : {}),
      specialties: values.specialties,
      watchlist,
      codeSystems: values.codeSystems,
      codeRanges: splitList(values.codeRanges, /[\s,;]+/),
      keywords: splitList(values.keywords, /[,;]+/),
      sources: values.sources,
    },
    // Controls left out of a submission (a hand-written form, an older page) take the defaults.
    ...(values.frequency ? { frequency: values.frequency } : {}),
    ...(values.timeZone ? { timeZone: values.timeZone } : {}),
    ...(values.sendHour.trim() ? { sendHour: Number(values.sendHour) } : {}),
    credentials: credentials.filter((row) => row.credential !== "" && row.cycleEnd !== ""),
  });
  if (!parsed.success) errors.push(...fieldErrors(parsed.error, credentials));
  const unique = dedupe(errors);
  return unique.length === 0 && parsed.success
    ? { values, preferences: parsed.data, errors: [] }
    : { values, errors: unique };
}

/** zod's refusals as sentences on the form's own controls. */
export function fieldErrors(
  error: z.ZodError,
  credentials: readonly { credential: string; cycleEnd: string }[] = [],
): FieldError[] {
  const kept = credentials.filter((row) => row.credential !== "" && row.cycleEnd !== "");
  return error.issues.map((issue) => {
    const [first, second, third] = issue.path as (string | number)[];
    if (first === "interests" && second === "watchlist")
      return { field: "watchlist", message: `Watchlist: ${issue.message}` };
    if (first === "interests" && second === "codeRanges")
      return { field: "codeRanges", message: `Code ranges: ${issue.message}.` };
    if (first === "interests" && second === "keywords")
      return { field: "keywords", message: "Keywords: each one needs 2 to 80 characters." };
    if (first === "interests" && second === "workSetting")
      return { field: "workSetting", message: "Choose where you work from the list." };
    if (first === "interests" && typeof second === "string")
      return {
        field: second,
        message: `Choose ${second === "specialties" ? "specialties" : "options"} from the list.`,
      };
    if (first === "credentials" && typeof second === "number") {
      // Rows without both parts were refused above and are not in the parsed list: map back to the form's row.
      const row = credentials.indexOf(kept[second]!);
      return third === "credential"
        ? { field: `credential-${row}`, message: `Credential ${row + 1}: ${issue.message}` }
        : { field: `cycleEnd-${row}`, message: `Credential ${row + 1}: ${issue.message}` };
    }
    if (first === "timeZone") return { field: "timeZone", message: "Choose a time zone from the list." };
    if (first === "sendHour") return { field: "sendHour", message: "Choose the hour your digest goes out." };
    if (first === "frequency")
      return { field: "frequency", message: "Choose how often you receive a digest." };
    if (first === "email") return { field: "email", message: issue.message };
    return { field: String(first ?? "main"), message: issue.message };
  });
}

function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function dedupe(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.field}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function hourLabel(hour: number): string {
  if (hour === 0) return "12:00 midnight";
  if (hour === 12) return "12:00 noon";
  return hour < 12 ? `${hour}:00 a.m.` : `${hour - 12}:00 p.m.`;
}
