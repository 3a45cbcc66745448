/**
 * The credentials codecurrent tracks CEUs for, by certifying body. Rules are public and change:
 * verify them yearly against the bodies' own pages (AAPC CEU requirements, AHIMA recertification
 * guide, NHA recertification).
 */
export const CREDENTIALS = [
  "CPC",
  "COC",
  "CIC",
  "CRC",
  "CPB",
  "CPMA",
  "CCA",
  "CCS",
  "CCS-P",
  "RHIT",
  "RHIA",
  "CDIP",
  "CBCS",
] as const;
export type Credential = (typeof CREDENTIALS)[number];

export type CertifyingBody = "AAPC" | "AHIMA" | "NHA";

/** One credential a holder keeps, and the day its current cycle ends (AAPC: membership renewal). */
export interface CredentialHolding {
  readonly credential: Credential;
  /** YYYY-MM-DD. */
  readonly cycleEnd: string;
}

export const BODY_OF: Readonly<Record<Credential, CertifyingBody>> = {
  CPC: "AAPC",
  COC: "AAPC",
  CIC: "AAPC",
  CRC: "AAPC",
  CPB: "AAPC",
  CPMA: "AAPC",
  CCA: "AHIMA",
  CCS: "AHIMA",
  "CCS-P": "AHIMA",
  RHIT: "AHIMA",
  RHIA: "AHIMA",
  CDIP: "AHIMA",
  CBCS: "NHA",
};
