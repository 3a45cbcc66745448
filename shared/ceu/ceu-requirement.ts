import { type CertifyingBody, CREDENTIAL_RULE, type Credential } from "./credentials.js";

/** CEUs of a cycle's total that must be approved for one credential (CPMA: 16 in auditing). */
export interface SpecificRequirement {
  readonly credential: Credential;
  readonly topic: string;
  readonly ceus: number;
}

/** What one certifying body asks of a holder per cycle. */
export interface CeuRequirement {
  readonly body: CertifyingBody;
  readonly credentials: readonly Credential[];
  readonly required: number;
  /** Parts of `required` that must be approved for a given credential. */
  readonly specific: readonly SpecificRequirement[];
  readonly cycleYears: number;
}

/** AAPC: by the number of credentials held (see credentials.ts for the published rule). */
const AAPC_BY_COUNT = [0, 36, 40, 44, 48, 52] as const;
const AAPC_MAX = 52;
const AHIMA_PER_EXTRA = 10;
const AHIMA_CAP = 50;
const CYCLE_YEARS = 2;

/**
 * Requirements per body for a set of credentials, from the rules declared in credentials.ts.
 * Every body named here runs two-year cycles.
 */
export function ceuRequirements(credentials: readonly Credential[]): CeuRequirement[] {
  const held = [...new Set(credentials)];
  const byBody = (body: CertifyingBody) =>
    held.filter((credential) => CREDENTIAL_RULE[credential].body === body);
  const requirements: CeuRequirement[] = [];

  const aapc = byBody("AAPC");
  if (aapc.length > 0) {
    requirements.push({
      body: "AAPC",
      credentials: aapc,
      required: AAPC_BY_COUNT[Math.min(aapc.length, AAPC_BY_COUNT.length - 1)] ?? AAPC_MAX,
      specific: specificOf(aapc),
      cycleYears: CYCLE_YEARS,
    });
  }
  const ahima = byBody("AHIMA");
  if (ahima.length > 0) {
    const base = Math.max(...ahima.map((credential) => CREDENTIAL_RULE[credential].baseCeus ?? 0));
    requirements.push({
      body: "AHIMA",
      credentials: ahima,
      required: Math.min(AHIMA_CAP, base + AHIMA_PER_EXTRA * (ahima.length - 1)),
      specific: [],
      cycleYears: CYCLE_YEARS,
    });
  }
  const nha = byBody("NHA");
  if (nha.length > 0) {
    requirements.push({
      body: "NHA",
      credentials: nha,
      required: Math.max(...nha.map((credential) => CREDENTIAL_RULE[credential].baseCeus ?? 0)),
      specific: [],
      cycleYears: CYCLE_YEARS,
    });
  }
  return requirements;
}

function specificOf(credentials: readonly Credential[]): SpecificRequirement[] {
  return credentials.flatMap((credential) => {
    const specific = CREDENTIAL_RULE[credential].specific;
    return specific ? [{ credential, topic: specific.topic, ceus: specific.ceus }] : [];
  });
}
