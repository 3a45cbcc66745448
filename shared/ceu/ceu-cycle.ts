import { addYears, daysBetween } from "../calendar/local-date.js";
import { approvedForOf, type CeuEntry } from "./ceu-entry.js";
import { ceuRequirements } from "./ceu-requirement.js";
import { BODY_OF, type CertifyingBody, type Credential, type CredentialHolding } from "./credentials.js";

/** Where a holder stands on one credential's own part of the cycle (CPMA auditing, CCC cardiology…). */
export interface SpecificStanding {
  readonly credential: Credential;
  readonly topic: string;
  readonly required: number;
  readonly earned: number;
  readonly remaining: number;
}

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
  readonly specific: readonly SpecificStanding[];
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
    if (body === undefined) continue;
    const known = endOf.get(body);
    if (known === undefined || holding.cycleEnd < known) endOf.set(body, holding.cycleEnd);
  }
  const held = holdings.map((holding) => holding.credential).filter((credential) => BODY_OF[credential]);
  return ceuRequirements(held).map((requirement) => {
    const cycleEnd = endOf.get(requirement.body)!;
    const cycleStart = addYears(cycleEnd, -requirement.cycleYears);
    const inCycle = ceus.filter((entry) => entry.date > cycleStart && entry.date <= cycleEnd);
    const earned = round(sum(inCycle));
    return {
      body: requirement.body,
      credentials: requirement.credentials,
      cycleStart,
      cycleEnd,
      required: requirement.required,
      earned,
      remaining: round(Math.max(0, requirement.required - earned)),
      specific: requirement.specific.map((part) => {
        const partEarned = round(sum(inCycle.filter((entry) => approvedForOf(entry) === part.credential)));
        return {
          credential: part.credential,
          topic: part.topic,
          required: part.ceus,
          earned: partEarned,
          remaining: round(Math.max(0, part.ceus - partEarned)),
        };
      }),
      daysLeft: daysBetween(today, cycleEnd),
    };
  });
}

/** The earliest day any of these cycles starts: how far back a holder's CEU log must be read. */
export function earliestCycleStart(holdings: readonly CredentialHolding[]): string | undefined {
  const starts = ceuCycles(holdings, [], "1970-01-01").map((cycle) => cycle.cycleStart);
  return starts.length === 0 ? undefined : starts.sort()[0];
}

function sum(entries: readonly CeuEntry[]): number {
  return entries.reduce((total, entry) => total + entry.hours, 0);
}

// CEUs come in quarter and half hours: keep sums free of binary fractions (35.99999…).
function round(value: number): number {
  return Math.round(value * 100) / 100;
}
