import { z } from "zod";
import type { CeuEntry } from "../ceu/ceu-entry.js";
import { CREDENTIALS, type CredentialHolding } from "../ceu/credentials.js";
import { SPECIALTY_IDS } from "../specialties/specialty-catalog.js";

export const FREQUENCIES = ["daily", "weekly", "monthly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * pending (signed up, not confirmed) → active → unsubscribed (their choice) or suppressed (a hard
 * bounce or complaint). Only active subscribers are ever mailed, confirmation mail aside.
 */
export const SUBSCRIBER_STATUSES = ["pending", "active", "unsubscribed", "suppressed"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD");

/** A range of codes a subscriber adds to their specialties': `I20-I25`, `E11`, `0042T-0999T`, `J9`. */
const codeRange = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.]{1,8}(\s*[-–]\s*[A-Za-z0-9.]{1,8})?$/, "a code or range such as I20-I25");

export const interestsSchema = z.object({
  /** Code systems followed (`icd10cm`, `icd10pcs`, `hcpcs`, `ncci`…); empty = every system. */
  codeSystems: z.array(z.string().min(1).max(40)).max(20).default([]),
  specialties: z.array(z.enum(SPECIALTY_IDS)).max(20).default([]),
  codeRanges: z.array(codeRange).max(100).default([]),
  /** Words or phrases matched in titles, topics and text (case-insensitive, whole words). */
  keywords: z.array(z.string().trim().min(2).max(80)).max(50).default([]),
  /** Sources followed whole, e.g. `federal-register`. */
  sources: z.array(z.string().min(1).max(60)).max(20).default([]),
});
export type Interests = z.infer<typeof interestsSchema>;

export const ceuEntrySchema = z.object({
  /** Day the education was completed. */
  date: isoDay,
  hours: z.number().positive().max(100),
  /** CPMA requires part of its CEUs in auditing. */
  auditing: z.boolean().default(false),
  activity: z.string().trim().max(200).optional(),
}) satisfies z.ZodType<CeuEntry>;

export const credentialHoldingSchema = z.object({
  credential: z.enum(CREDENTIALS),
  /** The day the current cycle ends (AAPC: membership renewal; AHIMA/NHA: recertification). */
  cycleEnd: isoDay,
}) satisfies z.ZodType<CredentialHolding>;

/** Everything a subscriber may set themselves: validated at every door (CLI, API, seed). */
export const preferencesSchema = z.object({
  interests: interestsSchema.default({
    codeSystems: [],
    specialties: [],
    codeRanges: [],
    keywords: [],
    sources: [],
  }),
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
  email: z.email().max(254),
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
  readonly ceus: readonly CeuEntry[];
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
