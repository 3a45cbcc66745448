import { addYears, daysBetween } from "../calendar/local-date.js";
import type { CeuEntry } from "./ceu-entry.js";
import { ceuRequirements } from "./ceu-requirement.js";
import { BODY_OF, type CertifyingBody, type Credential, type CredentialHolding } from "./credentials.js";

/** Where a holder stands in one body's current cycle on one day. */
export interface CeuCycle {
  readonly body: CertifyingBody;
  readonly credentials: readonly Credential[];
  /** The cycle is (start, end]: CEUs earned on the end day count, on the start day belong to the last cycle. */
  readonly cycleStart: string;
  readonly cycleEnd: string;
  readonly required: number;
  readonly earned: number;
  readonly remaining: number;
  readonly auditingRequired: number;
  readonly auditingEarned: number;
  readonly auditingRemaining: number;
  /** Days from `today` to the cycle end; negative once it has passed. */
  readonly daysLeft: number;
}

/**
 * Each body's cycle for a subscriber's credentials and logged CEUs, as of `today` (their local
 * date). A body's cycle ends on the earliest end date given for its credentials: AAPC aligns all
 * of a member's credentials to one renewal date, and the earliest is the one not to miss.
 */
export function ceuCycles(
  holdings: readonly CredentialHolding[],
  ceus: readonly CeuEntry[],
  today: string,
): CeuCycle[] {
  const endOf = new Map<CertifyingBody, string>();
  for (const holding of holdings) {
    const body = BODY_OF[holding.credential];
    const known = endOf.get(body);
    if (known === undefined || holding.cycleEnd < known) endOf.set(body, holding.cycleEnd);
  }
  return ceuRequirements(holdings.map((holding) => holding.credential)).map((requirement) => {
    const cycleEnd = endOf.get(requirement.body)!;
    const cycleStart = addYears(cycleEnd, -requirement.cycleYears);
    const inCycle = ceus.filter((entry) => entry.date > cycleStart && entry.date <= cycleEnd);
    const earned = round(inCycle.reduce((sum, entry) => sum + entry.hours, 0));
    const auditingEarned = round(
      inCycle.filter((entry) => entry.auditing).reduce((sum, entry) => sum + entry.hours, 0),
    );
    return {
      body: requirement.body,
      credentials: requirement.credentials,
      cycleStart,
      cycleEnd,
      required: requirement.required,
      earned,
      remaining: round(Math.max(0, requirement.required - earned)),
      auditingRequired: requirement.auditingRequired,
      auditingEarned,
      auditingRemaining: round(Math.max(0, requirement.auditingRequired - auditingEarned)),
      daysLeft: daysBetween(today, cycleEnd),
    };
  });
}

// CEUs come in quarter and half hours: keep sums free of binary fractions (35.99999…).
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
