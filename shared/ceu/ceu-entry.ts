import type { Credential } from "./credentials.js";

/**
 * CEUs a holder logged: what the cycle rules read. Subscribers validate what they log against
 * `ceuEntrySchema` (shared/subscribers/), which produces exactly this shape.
 */
export interface CeuEntry {
  /** Day the education was completed (YYYY-MM-DD). */
  readonly date: string;
  readonly hours: number;
  /**
   * The credential whose own requirement the activity was approved for (AAPC: CPMA auditing, a
   * specialty's 8 CEUs…). Such CEUs also count toward the body's total.
   */
  readonly approvedFor?: Credential;
  /** Entries logged before `approvedFor` existed: auditing CEUs, which count for CPMA. */
  readonly auditing?: boolean;
  readonly activity?: string;
}

/** The credential an entry's CEUs were approved for, reading the older `auditing` flag as CPMA. */
export function approvedForOf(entry: CeuEntry): Credential | undefined {
  return entry.approvedFor ?? (entry.auditing ? "CPMA" : undefined);
}
