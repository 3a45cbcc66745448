/**
 * CMS's HCPCS Level II "ANWEB" record, as published in the quarterly alpha-numeric file. The same
 * 48 columns appear as the CSV/XLSX header and as 1-based column ranges of the fixed-width TXT
 * (HCPCyyyy_recordlayout.txt: 320-byte records, data through column 293). The positions were
 * taken from parsers of HCPC*_ANWEB*.txt in public code and cross-checked against each other:
 * long description 12-91, short 92-119, coverage 230, BETOS 257-259, TOS 261, add date 269-276,
 * action effective date 277-284, termination date 285-292, action code 293.
 */
export interface AnwebColumn {
  readonly header: string;
  /** 1-based first and last column in the fixed-width TXT. */
  readonly from: number;
  readonly to: number;
}

const column = (header: string, from: number, to = from): AnwebColumn => ({ header, from, to });
const repeated = (prefix: string, count: number, from: number, width: number): AnwebColumn[] =>
  Array.from({ length: count }, (_, i) =>
    column(`${prefix}${i + 1}`, from + i * width, from + (i + 1) * width - 1),
  );

export const ANWEB_COLUMNS: readonly AnwebColumn[] = [
  column("HCPC", 1, 5),
  column("SEQNUM", 6, 10),
  column("RECID", 11),
  column("LONG DESCRIPTION", 12, 91),
  column("SHORT DESCRIPTION", 92, 119),
  ...repeated("PRICE", 4, 120, 2),
  column("MULT_PI", 128),
  ...repeated("CIM", 3, 129, 6),
  ...repeated("MCM", 3, 147, 8),
  column("STATUTE", 171, 180),
  ...repeated("LABCERT", 8, 181, 3),
  ...repeated("XREF", 5, 205, 5),
  column("COV", 230),
  column("ASC_GRP", 231, 232),
  column("ASC_DT", 233, 240),
  column("OPPS", 241, 243),
  column("OPPS_PI", 244),
  column("OPPS_DT", 245, 252),
  column("PROCNOTE", 253, 256),
  column("BETOS", 257, 259),
  // Column 260 is filler.
  ...repeated("TOS", 5, 261, 1),
  column("ANEST_BU", 266, 268),
  column("ADD DT", 269, 276),
  column("ACT EFF DT", 277, 284),
  column("TERM DT", 285, 292),
  column("ACTION CD", 293),
];

/** Where a fixed-width ANWEB record's data ends (CMS pads records to 320 bytes). */
export const ANWEB_RECORD_DATA_END = 293;

/**
 * The snapshot fields an HCPCS record keeps, each from one or more ANWEB columns (repeated
 * columns such as PRICE1-4 are joined with a space, in CMS order, so a moved indicator shows).
 */
export const HCPCS_FIELDS: readonly { readonly name: string; readonly columns: readonly string[] }[] = [
  { name: "longDescription", columns: ["LONG DESCRIPTION"] },
  { name: "shortDescription", columns: ["SHORT DESCRIPTION"] },
  { name: "pricingIndicators", columns: ["PRICE1", "PRICE2", "PRICE3", "PRICE4"] },
  { name: "multiplePricingIndicator", columns: ["MULT_PI"] },
  { name: "cimReferences", columns: ["CIM1", "CIM2", "CIM3"] },
  { name: "mcmReferences", columns: ["MCM1", "MCM2", "MCM3"] },
  { name: "statute", columns: ["STATUTE"] },
  { name: "labCertifications", columns: repeated("LABCERT", 8, 0, 1).map((c) => c.header) },
  { name: "crossReferences", columns: repeated("XREF", 5, 0, 1).map((c) => c.header) },
  { name: "coverage", columns: ["COV"] },
  { name: "ascPaymentGroup", columns: ["ASC_GRP"] },
  { name: "ascEffectiveDate", columns: ["ASC_DT"] },
  { name: "oppsStatusIndicator", columns: ["OPPS"] },
  { name: "oppsPaymentIndicator", columns: ["OPPS_PI"] },
  { name: "oppsEffectiveDate", columns: ["OPPS_DT"] },
  { name: "procedureNote", columns: ["PROCNOTE"] },
  { name: "betos", columns: ["BETOS"] },
  { name: "typesOfService", columns: ["TOS1", "TOS2", "TOS3", "TOS4", "TOS5"] },
  { name: "anesthesiaBaseUnits", columns: ["ANEST_BU"] },
  { name: "addDate", columns: ["ADD DT"] },
  { name: "actionEffectiveDate", columns: ["ACT EFF DT"] },
  { name: "terminationDate", columns: ["TERM DT"] },
  { name: "actionCode", columns: ["ACTION CD"] },
];
