import { z } from "zod";
import { dayProblem } from "../calendar/local-date.js";
import type { CeuEntry } from "../ceu/ceu-entry.js";
import { CREDENTIALS, type CredentialHolding } from "../ceu/credentials.js";
import { SPECIALTY_IDS } from "../specialties/specialty-catalog.js";
import { WATCHLIST_MAX, watchlistEntryProblem } from "../specialties/watchlist.js";
import { WORK_SETTING_IDS } from "../specialties/work-setting.js";

export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * pending (signed up, not confirmed) → active → unsubscribed (their choice) or suppressed (a hard
 * bounce or complaint). Only active subscribers are ever mailed, confirmation mail aside.
 */
export const SUBSCRIBER_STATUSES = ["pending", "active", "unsubscribed", "suppressed"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** A real calendar day written YYYY-MM-DD: `2027-13-45` is refused with a sentence saying why. */
export const isoDay = z.string().superRefine((text, context) => {
  const problem = dayProblem(text);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/** A range of codes a subscriber adds to their specialties': `I20-I25`, `E11`, `0623T-0626T`, `J9`. */
const codeRange = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.]{1,8}(\s*[-–]\s*[A-Za-z0-9.]{1,8})?$/, "a code or range such as I20-I25");

/** One code or range of a personal watchlist: `I25.10`, `33208`, `J1100`, `33206-33249`. */
const watchlistEntry = z
  .string()
  .trim()
  .transform((text) => text.toUpperCase())
  .superRefine((entry, context) => {
    const problem = watchlistEntryProblem(entry);
    if (problem) context.addIssue({ code: "custom", message: problem });
  });

export const interestsSchema = z.object({
  /**
   * Where the reader works: decides which code sets are theirs (no ICD-10-PCS for a professional-fee
   * coder). Absent on subscribers who signed up before work settings: every code set.
   */
  workSetting: z.enum(WORK_SETTING_IDS).optional(),
  /** Code systems followed whole (`icd10cm`, `icd10pcs`, `hcpcs`, `ncci-ptp`…), beyond the work setting's. */
  codeSystems: z.array(z.string().min(1).max(40)).max(20).default([]),
  specialties: z.array(z.enum(SPECIALTY_IDS)).max(20).default([]),
  codeRanges: z.array(codeRange).max(100).default([]),
  /**
   * The reader's own codes (e.g. a practice's most billed): listed first in every digest, matched
   * in every code set of their work setting, NCCI pairs by either code and MUEs by their code.
   */
  watchlist: z
    .array(watchlistEntry)
    .max(WATCHLIST_MAX, `a watchlist holds at most ${WATCHLIST_MAX} codes`)
    .default([]),
  /** Words or phrases matched in titles, topics and text (case-insensitive, whole words). */
  keywords: z.array(z.string().trim().min(2).max(80)).max(50).default([]),
  /** Sources followed whole, e.g. `federal-register`. */
  sources: z.array(z.string().min(1).max(60)).max(20).default([]),
});
export type Interests = z.infer<typeof interestsSchema>;

/** What a CEU entry is validated against wherever one is logged (the page, the API, the CLI). */
export const ceuEntrySchema = z.object({
  /** Day the education was completed. */
  date: isoDay,
  hours: z
    .number({ error: "Enter the CEUs as a number, e.g. 1.5." })
    .positive("Enter more than 0 CEUs.")
    .max(100, "One activity is at most 100 CEUs."),
  approvedFor: z.enum(CREDENTIALS).optional(),
  activity: z.string().trim().max(200, "Describe the activity in at most 200 characters.").optional(),
}) satisfies z.ZodType<CeuEntry>;

export const credentialHoldingSchema = z.object({
  credential: z.enum(CREDENTIALS, {
    error: (issue) => `"${String(issue.input)}" is not a credential codecurrent knows (e.g. CPC, CCS, CBCS).`,
  }),
  /** The day the current cycle ends (AAPC: membership renewal; AHIMA/NHA: recertification). */
  cycleEnd: isoDay,
}) satisfies z.ZodType<CredentialHolding>;

export const NO_INTERESTS: Interests = {
  codeSystems: [],
  specialties: [],
  codeRanges: [],
  watchlist: [],
  keywords: [],
  sources: [],
};

/** Everything a subscriber may set themselves: validated at every door (CLI, pages, seed). */
export const preferencesSchema = z.object({
  interests: interestsSchema.default(NO_INTERESTS),
  frequency: z.enum(FREQUENCIES).default("weekly"),
  timeZone: z
    .string()
    .default("America/New_York")
    .refine(isTimeZone, "an IANA time zone such as America/Chicago"),
  /** Local hour (0–23) the digest goes out. */
  sendHour: z.number().int().min(0).max(23).default(7),
  credentials: z.array(credentialHoldingSchema).max(12).default([]),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const newSubscriberSchema = preferencesSchema.extend({
  email: z.email("Enter an email address such as name@example.org.").max(254),
  name: z.string().trim().max(120).optional(),
});
export type NewSubscriber = z.input<typeof newSubscriberSchema>;

export interface Subscriber extends Preferences {
  readonly subscriberId: string;
  /** Normalized; only ever used to address mail, never logged. */
  readonly email: string;
  readonly emailHash: string;
  readonly name?: string;
  readonly status: SubscriberStatus;
  readonly createdAt: string;
  readonly confirmedAt?: string;
  readonly statusChangedAt?: string;
  /** Why the status last changed (`bounce:Permanent`, `complaint`, `one-click`…). */
  readonly statusReason?: string;
  /** Detection time up to which changes have been mailed: the next digest starts after it. */
  readonly lastDigestAt?: string;
  /**
   * Links carry the generation they were signed in; it moves on at every unsubscribe and at a
   * sign-up after one, so links in older emails stop working. Absent = 0 (before generations).
   */
  readonly tokenGeneration?: number;
  /**
   * The confirmation email awaiting its click: its id is in that email's link, and only that link
   * confirms. With `pendingPreferences` (a sign-up for an address already known), the preferences
   * that link applies: a stranger's sign-up never changes what the owner receives on its own.
   */
  readonly pendingId?: string;
  readonly pendingPreferences?: Preferences;
  readonly pendingName?: string;
  readonly pendingSince?: string;
  /** CEU entries logged (they are items of their own; see CeuLog): the cap is checked against it. */
  readonly ceuEntryCount?: number;
  /** CEUs logged before entries became items of their own, read until they age out of every cycle. */
  readonly ceus?: readonly CeuEntry[];
}

/** The preferences part of a subscriber, as the preferences page shows and saves it. */
export function preferencesOf(subscriber: Subscriber): Preferences {
  const { interests, frequency, timeZone, sendHour, credentials } = subscriber;
  return { interests: { ...NO_INTERESTS, ...interests }, frequency, timeZone, sendHour, credentials };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
