import { type CodeFamily, type CodeRange, parseCodeRange } from "./code-range.js";

/**
 * Specialties and the codes they work in. ICD-10-CM by chapter or block, CPT by the AMA's
 * published section ranges (numbers only: CPT descriptors are AMA-licensed and never stored or
 * sent), ICD-10-PCS by section (and body system), HCPCS Level II by letter prefix or range.
 * Maintained by hand; review each October (ICD-10) and January and July (CPT) when chapters move.
 *
 * Category III CPT codes (0042T…) are emerging-technology codes of every specialty at once: a
 * specialty names only the specific ones its practices bill, never the whole category (a blanket
 * 0042T-0999T once sent cardiology readers vaccine-administration edits). Which code systems a
 * reader sees at all (no ICD-10-PCS for a professional-fee coder) is their work setting's to say
 * (work-setting.ts), not a specialty's.
 */
export const SPECIALTY_IDS = [
  "cardiology",
  "oncology",
  "orthopedics",
  "em-primary-care",
  "radiology",
  "pathology-lab",
  "anesthesia",
  "behavioral-health",
  "emergency",
  "ob-gyn",
  "dermatology",
  "dme",
  "inpatient-facility",
  "risk-adjustment",
] as const;
export type SpecialtyId = (typeof SPECIALTY_IDS)[number];

export interface Specialty {
  readonly id: SpecialtyId;
  readonly label: string;
  readonly ranges: readonly CodeRange[];
}

const of = (family: CodeFamily, ...texts: string[]): CodeRange[] =>
  texts.map((text) => parseCodeRange(text, family));
const cm = (...texts: string[]) => of("icd10cm", ...texts);
const pcs = (...texts: string[]) => of("icd10pcs", ...texts);
const cpt = (...texts: string[]) => of("hcpcs", ...texts);
const hcpcs = (...texts: string[]) => of("hcpcs", ...texts);

const EM = cpt("99202-99499");

const CATALOG: readonly Specialty[] = [
  {
    id: "cardiology",
    label: "Cardiology",
    // Chapter 9 (circulatory), chest pain and abnormal cardiac findings (R00-R01, R07, R94.3x),
    // cardiac devices (Z95); CPT cardiovascular surgery and the Medicine cardiology section; of
    // Category III, the AI coronary plaque analysis of coronary CTA (0623T-0626T) cardiology
    // practices report (coronary lithotripsy 0715T and FFR-CT 0501T-0504T moved to Category I:
    // 92972 and 75580, already in the ranges above).
    ranges: [
      ...cm("I00-I99", "R00-R01", "R07", "R943", "Z95"),
      ...cpt("33016-37799", "92920-93998", "0623T-0626T"),
      ...pcs("02", "03", "04", "4A02", "B2"),
      ...hcpcs("C1721-C1722", "C1777-C1779", "C1785-C1786", "G0422-G0423"),
    ],
  },
  {
    id: "oncology",
    label: "Oncology and hematology",
    ranges: [
      ...cm("C00-D49", "D50-D89", "Z51", "Z85", "Z92"),
      ...cpt("77261-77799", "96360-96549", "38204-38243"),
      ...pcs("D", "30"),
      ...hcpcs("J9000-J9999", "Q0083-Q0085", "G6001-G6017"),
    ],
  },
  {
    id: "orthopedics",
    label: "Orthopedics",
    ranges: [
      ...cm("M00-M99", "S00-T14"),
      ...cpt("20100-29999"),
      ...pcs("0P", "0Q", "0R", "0S"),
      ...hcpcs("L0112-L4631", "Q4001-Q4051"),
    ],
  },
  {
    id: "em-primary-care",
    label: "E/M and primary care",
    ranges: [
      ...cm("E08-E13", "I10-I16", "J00-J22", "R00-R99", "Z00-Z13"),
      ...EM,
      ...cpt("90460-90749", "99381-99429"),
      ...hcpcs("G0402-G0439", "G2211-G2212"),
    ],
  },
  {
    id: "radiology",
    label: "Radiology",
    ranges: [
      ...cm("R90-R94"),
      ...cpt("70010-79999"),
      ...pcs("B", "C"),
      ...hcpcs("R0070-R0076", "Q9950-Q9983"),
    ],
  },
  {
    id: "pathology-lab",
    label: "Pathology and laboratory",
    ranges: [...cm("R70-R89"), ...cpt("80047-89398", "0001U-0999U"), ...hcpcs("P2028-P9615", "G0471-G0476")],
  },
  {
    id: "anesthesia",
    label: "Anesthesia",
    ranges: [...cpt("00100-01999", "99100-99140"), ...hcpcs("G8907-G8918")],
  },
  {
    id: "behavioral-health",
    label: "Behavioral health",
    ranges: [
      ...cm("F01-F99", "Z63-Z65"),
      ...cpt("90785-90899", "96105-96146"),
      ...pcs("G", "H"),
      ...hcpcs("H0001-H2037"),
    ],
  },
  {
    id: "emergency",
    label: "Emergency medicine",
    ranges: [
      ...cm("R00-R99", "S00-T88", "V00-Y99"),
      ...cpt("99281-99288", "99291-99292"),
      ...hcpcs("G0380-G0384"),
    ],
  },
  {
    id: "ob-gyn",
    label: "Obstetrics and gynecology",
    ranges: [...cm("O00-O9A", "N70-N98", "Z30-Z39"), ...cpt("56405-59899"), ...pcs("1", "0U", "0W3")],
  },
  {
    id: "dermatology",
    label: "Dermatology",
    ranges: [
      ...cm("L00-L99", "C43-C44", "D22-D23"),
      // Integumentary surgery without the breast (19xxx: general and plastic surgery's).
      ...cpt("10030-17999", "96900-96999"),
      ...pcs("0H"),
      ...hcpcs("Q4100-Q4310"),
    ],
  },
  {
    id: "dme",
    label: "DME and supplies",
    ranges: [...cm("Z99"), ...hcpcs("A4206-A9999", "B4034-B9999", "E0100-E8002", "K", "L")],
  },
  {
    id: "inpatient-facility",
    label: "Inpatient facility (ICD-10-CM and PCS)",
    ranges: [
      ...cm("A00-Z99"),
      ...pcs("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "B", "C", "D", "F", "G", "H", "X"),
    ],
  },
  {
    id: "risk-adjustment",
    label: "Risk adjustment (HCC)",
    // The chronic conditions HCC models weigh most: diabetes, CHF, COPD, CKD, major depression,
    // morbid obesity, amputation status, vascular disease, cancers.
    ranges: cm("E08-E13", "E66", "I50", "J44", "N18", "F32-F33", "Z89", "I70-I73", "C00-C96", "Z68"),
  },
];

export const SPECIALTIES: ReadonlyMap<SpecialtyId, Specialty> = new Map(CATALOG.map((s) => [s.id, s]));

export function specialty(id: SpecialtyId): Specialty {
  const found = SPECIALTIES.get(id);
  if (!found) throw new Error(`unknown specialty "${id}"`);
  return found;
}
