/**
 * Code families a range can name. CPT (HCPCS Level I) and HCPCS Level II share one family: NCCI
 * edits and the CMS HCPCS file mix them, and their shapes never collide (CPT starts with a digit,
 * Level II with a letter).
 */
export type CodeFamily = "icd10cm" | "icd10pcs" | "hcpcs";

/**
 * An inclusive range of codes of one family, compared on the first `from.length` characters of a
 * code: `I00-I99` holds `I2510` (undotted, as CMS files carry it), `J9` holds `J9035`, `02` (an
 * ICD-10-PCS section and body system) holds `02703DZ`.
 */
export interface CodeRange {
  readonly family: CodeFamily;
  readonly from: string;
  readonly to: string;
}

export class CodeRangeError extends Error {
  constructor(text: string, expected: string) {
    super(`"${text}" is not a code range: expected ${expected}`);
    this.name = "CodeRangeError";
  }
}

/** Undotted and upper-case: `i25.10` → `I2510`. */
export function normalizeCode(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}

/**
 * `I20-I25`, `I21`, `0042T-0999T`, `E0100-E8002`, `J9`. The family is given when the caller knows
 * it (the specialty table), else guessed from the shape: a letter then two digits is ICD-10-CM
 * (I21, E11.9), five characters starting with a digit is CPT, a letter and four digits HCPCS,
 * seven characters ICD-10-PCS.
 */
export function parseCodeRange(text: string, family?: CodeFamily): CodeRange {
  const [rawFrom, rawTo, extra] = text.split(/\s*[-–]\s*/);
  if (rawFrom === undefined || extra !== undefined) throw new CodeRangeError(text, "CODE or FROM-TO");
  const from = normalizeCode(rawFrom);
  const to = normalizeCode(rawTo ?? rawFrom);
  if (!/^[A-Z0-9]{1,7}$/.test(from) || !/^[A-Z0-9]{1,7}$/.test(to)) {
    throw new CodeRangeError(text, "letters and digits, at most 7");
  }
  if (from.length !== to.length) throw new CodeRangeError(text, "both ends of the same length");
  if (from > to) throw new CodeRangeError(text, "the lower code first");
  return { family: family ?? guessFamily(from), from, to };
}

function guessFamily(code: string): CodeFamily {
  if (/^[0-9]/.test(code) && code.length <= 5) return "hcpcs";
  if (/^[A-Z][0-9]{4}$/.test(code)) return "hcpcs";
  if (code.length === 7 || /^[0-9]/.test(code)) return "icd10pcs";
  return "icd10cm";
}

/** The code family of a change-log code system; undefined for documents and unknown systems. */
export function familyOfSystem(system: string): CodeFamily | undefined {
  if (system === "icd10cm" || system === "icd10pcs") return system;
  if (system === "hcpcs" || system === "cpt" || system.startsWith("ncci")) return "hcpcs";
  return undefined;
}

/**
 * CPT's categories share the five-character shape but not the last character: 0042T (Category
 * III), 0001U (PLA), 0001F (Category II) and 00100 (anesthesia) sort among each other, so a CPT
 * range only holds codes ending the way its ends do.
 */
function sameCptCategory(code: string, range: CodeRange): boolean {
  if (range.family !== "hcpcs" || !/^[0-9]/.test(range.from) || range.from.length !== 5) return true;
  const last = (value: string) => (/[0-9]$/.test(value) ? "#" : value.at(-1));
  return last(code) === last(range.from);
}

export function codeInRange(code: string, range: CodeRange): boolean {
  if (code.length < range.from.length) return false;
  const head = code.slice(0, range.from.length);
  return head >= range.from && head <= range.to && sameCptCategory(code, range);
}
