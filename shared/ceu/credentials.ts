/**
 * The credentials codecurrent tracks CEUs for, and what each certifying body asks of their holders,
 * declared as data. The rules are public and change: verify them yearly against the bodies' pages
 * cited beside each group, and change them here only.
 */
export type CertifyingBody = "AAPC" | "AHIMA" | "NHA";

/**
 * What a credential adds to its body's requirement:
 * - `core`: counts toward the number of credentials held (AAPC: 36 CEUs for one, 4 more per
 *   additional credential up to 52);
 * - `specific`: CEUs of the total that must be approved for this credential (AAPC: CPMA 16 in
 *   auditing, each specialty credential 8 of its own specialty);
 * - `baseCeus`: what the credential needs held alone (AHIMA, NHA).
 */
export interface CredentialRule {
  readonly credential: string;
  readonly name: string;
  readonly body: CertifyingBody;
  /** AAPC's two kinds: core credentials and specialty credentials (both count toward the total). */
  readonly kind: "core" | "specialty";
  /** CEUs of the cycle's total that must be approved for this credential, and what they are about. */
  readonly specific?: { readonly ceus: number; readonly topic: string };
  /** CEUs per two-year cycle for this credential held alone (AHIMA, NHA). */
  readonly baseCeus?: number;
}

const aapcCore = <C extends string>(credential: C, name: string, specific?: CredentialRule["specific"]) =>
  ({ credential, name, body: "AAPC", kind: "core", ...(specific ? { specific } : {}) }) as const;
const aapcSpecialty = <C extends string>(credential: C, name: string, topic: string, ceus = 8) =>
  ({ credential, name, body: "AAPC", kind: "specialty", specific: { ceus, topic } }) as const;
const ahima = <C extends string>(credential: C, name: string, baseCeus: number) =>
  ({ credential, name, body: "AHIMA", kind: "core", baseCeus }) as const;

/**
 * AAPC (aapc.com, "CEU Information – Members"): 36 CEUs every two years for one certification,
 * 40 / 44 / 48 for two to four, 52 for five or more, due on the membership renewal date. Of them:
 * CPMA 16 related to auditing, CPCO 16 to compliance, CDEO 16 to documentation, CPPM 16 to practice
 * management, CIRCC 16 to interventional radiology or cardiovascular coding, and 8 specialty-specific
 * for each other specialty credential earned. Specialty CEUs also count toward the total.
 *
 * AHIMA (ahima.org, "Recertification"): per two-year cycle, RHIA, CHPS, CHDA, CDIP and CPHI 30
 * CEUs; RHIT, CCA, CCS and CCS-P 20 (the annual coding self-review ended January 1, 2021); each
 * additional credential 10 more, up to 50.
 *
 * NHA (nhanow.com, "Recertification"): 10 continuing-education credits every two years.
 */
export const CREDENTIAL_RULES = [
  aapcCore("CPC", "Certified Professional Coder"),
  aapcCore("COC", "Certified Outpatient Coder"),
  aapcCore("CIC", "Certified Inpatient Coder"),
  aapcCore("CRC", "Certified Risk Adjustment Coder"),
  aapcCore("CPB", "Certified Professional Biller"),
  aapcCore("CPMA", "Certified Professional Medical Auditor", { ceus: 16, topic: "auditing" }),
  aapcCore("CDEO", "Certified Documentation Expert Outpatient", { ceus: 16, topic: "documentation" }),
  aapcCore("CPPM", "Certified Physician Practice Manager", { ceus: 16, topic: "practice management" }),
  aapcCore("CPCO", "Certified Professional Compliance Officer", { ceus: 16, topic: "compliance" }),
  aapcCore("CPC-P", "Certified Professional Coder – Payer"),
  aapcCore("CRHC", "Certified Rural Health Coder"),
  aapcSpecialty("CANPC", "Certified Anesthesia and Pain Management Coder", "anesthesia and pain management"),
  aapcSpecialty("CASCC", "Certified Ambulatory Surgery Center Coder", "ambulatory surgery center coding"),
  aapcSpecialty("CCC", "Certified Cardiology Coder", "cardiology"),
  aapcSpecialty(
    "CCVTC",
    "Certified Cardiovascular and Thoracic Surgery Coder",
    "cardiovascular and thoracic surgery",
  ),
  aapcSpecialty("CEDC", "Certified Emergency Department Coder", "emergency department coding"),
  aapcSpecialty("CEMC", "Certified Evaluation and Management Coder", "evaluation and management"),
  aapcSpecialty("CENTC", "Certified Otolaryngology Coder", "otolaryngology"),
  aapcSpecialty("CFPC", "Certified Family Practice Coder", "family practice"),
  aapcSpecialty("CGIC", "Certified Gastroenterology Coder", "gastroenterology"),
  aapcSpecialty("CGSC", "Certified General Surgery Coder", "general surgery"),
  aapcSpecialty("CHONC", "Certified Hematology and Oncology Coder", "hematology and oncology"),
  aapcSpecialty("CIMC", "Certified Internal Medicine Coder", "internal medicine"),
  aapcSpecialty(
    "CIRCC",
    "Certified Interventional Radiology Cardiovascular Coder",
    "interventional radiology or cardiovascular coding",
    16,
  ),
  aapcSpecialty("COBGC", "Certified Obstetrics Gynecology Coder", "obstetrics and gynecology"),
  aapcSpecialty("COPC", "Certified Ophthalmology Coder", "ophthalmology"),
  aapcSpecialty("COSC", "Certified Orthopaedic Surgery Coder", "orthopaedic surgery"),
  aapcSpecialty("CPCD", "Certified Professional Coder in Dermatology", "dermatology"),
  aapcSpecialty("CPEDC", "Certified Pediatrics Coder", "pediatrics"),
  aapcSpecialty("CPRC", "Certified Plastics and Reconstructive Coder", "plastic and reconstructive surgery"),
  aapcSpecialty("CUC", "Certified Urology Coder", "urology"),
  ahima("CCA", "Certified Coding Associate", 20),
  ahima("CCS", "Certified Coding Specialist", 20),
  ahima("CCS-P", "Certified Coding Specialist – Physician-based", 20),
  ahima("RHIT", "Registered Health Information Technician", 20),
  ahima("RHIA", "Registered Health Information Administrator", 30),
  ahima("CDIP", "Certified Documentation Integrity Practitioner", 30),
  ahima("CHPS", "Certified in Healthcare Privacy and Security", 30),
  ahima("CHDA", "Certified Health Data Analyst", 30),
  ahima("CPHI", "Certified Professional in Health Informatics", 30),
  {
    credential: "CBCS" as const,
    name: "Certified Billing and Coding Specialist",
    body: "NHA",
    kind: "core",
    baseCeus: 10,
  },
] as const satisfies readonly CredentialRule[];

export type Credential = (typeof CREDENTIAL_RULES)[number]["credential"];

export const CREDENTIALS = CREDENTIAL_RULES.map(
  (rule) => rule.credential,
) as readonly Credential[] as readonly [Credential, ...Credential[]];

export const CREDENTIAL_RULE: Readonly<Record<Credential, CredentialRule>> = Object.fromEntries(
  CREDENTIAL_RULES.map((rule) => [rule.credential, rule]),
) as Record<Credential, CredentialRule>;

export const BODY_OF: Readonly<Record<Credential, CertifyingBody>> = Object.fromEntries(
  CREDENTIAL_RULES.map((rule) => [rule.credential, rule.body]),
) as Record<Credential, CertifyingBody>;

export function isCredential(text: string): text is Credential {
  return Object.hasOwn(CREDENTIAL_RULE, text);
}

/** One credential a holder keeps, and the day its current cycle ends (AAPC: membership renewal). */
export interface CredentialHolding {
  readonly credential: Credential;
  /** YYYY-MM-DD. */
  readonly cycleEnd: string;
}
