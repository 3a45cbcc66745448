import { BODY_OF, type CertifyingBody, type Credential } from "./credentials.js";

/** What one certifying body asks of a holder per cycle. */
export interface CeuRequirement {
  readonly body: CertifyingBody;
  readonly credentials: readonly Credential[];
  readonly required: number;
  /** CEUs of `required` that must be in auditing (AAPC CPMA). */
  readonly auditingRequired: number;
  readonly cycleYears: number;
}

/** AAPC: 36 CEUs for one credential, 40/44/48 for two to four, 52 for five or more. */
const AAPC_BY_COUNT = [0, 36, 40, 44, 48, 52] as const;
const AHIMA_BASE: Partial<Record<Credential, number>> = { RHIA: 30, CDIP: 30 };
const AHIMA_DEFAULT_BASE = 20;
const AHIMA_PER_EXTRA = 10;
const AHIMA_CAP = 50;

/**
 * Requirements per body for a set of credentials (rules as published by AAPC, AHIMA and NHA;
 * verify yearly). All three run two-year cycles.
 */
export function ceuRequirements(credentials: readonly Credential[]): CeuRequirement[] {
  const held = [...new Set(credentials)];
  const byBody = (body: CertifyingBody) => held.filter((credential) => BODY_OF[credential] === body);
  const requirements: CeuRequirement[] = [];

  const aapc = byBody("AAPC");
  if (aapc.length > 0) {
    requirements.push({
      body: "AAPC",
      credentials: aapc,
      required: AAPC_BY_COUNT[Math.min(aapc.length, 5)] ?? 52,
      auditingRequired: aapc.includes("CPMA") ? 16 : 0,
      cycleYears: 2,
    });
  }
  const ahima = byBody("AHIMA");
  if (ahima.length > 0) {
    const base = Math.max(...ahima.map((credential) => AHIMA_BASE[credential] ?? AHIMA_DEFAULT_BASE));
    requirements.push({
      body: "AHIMA",
      credentials: ahima,
      required: Math.min(AHIMA_CAP, base + AHIMA_PER_EXTRA * (ahima.length - 1)),
      auditingRequired: 0,
      cycleYears: 2,
    });
  }
  const nha = byBody("NHA");
  if (nha.length > 0) {
    requirements.push({ body: "NHA", credentials: nha, required: 10, auditingRequired: 0, cycleYears: 2 });
  }
  return requirements;
}
