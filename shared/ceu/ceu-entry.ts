/**
 * CEUs a holder logged: what the cycle rules read. Subscribers validate what they log against
 * `ceuEntrySchema` (shared/subscribers/), which produces exactly this shape.
 */
export interface CeuEntry {
  /** Day the education was completed (YYYY-MM-DD). */
  readonly date: string;
  readonly hours: number;
  /** CPMA requires part of its CEUs in auditing. */
  readonly auditing: boolean;
  readonly activity?: string;
}
