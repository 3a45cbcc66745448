import type { CodeFamily } from "../core/code-system.js";

/** Code families a range can name (declared with the code systems' rules). */
export type { CodeFamily };

/**
 * An inclusive range of codes of one family. Each end is compared with as many characters of a
 * code as it has: `I00-I99` holds `I2510` (undotted, as CMS files carry it), `I25.10-I25.119`
 * holds `I25118`, `J9` holds `J9035`, `02` (an ICD-10-PCS section and body system) holds `02703DZ`.
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

/** `I20-I25`, `I21`, `0042T-0999T`, `E0100-E8002`, `J9`, in a known family. */
export function parseCodeRange(text: string, family: CodeFamily): CodeRange {
  const [rawFrom, rawTo, extra] = text.split(/\s*[-–]\s*/);
  if (rawFrom === undefined || extra !== undefined) throw new CodeRangeError(text, "CODE or FROM-TO");
  const from = normalizeCode(rawFrom);
  const to = normalizeCode(rawTo ?? rawFrom);
  if (!/^[A-Z0-9]{1,7}$/.test(from) || !/^[A-Z0-9]{1,7}$/.test(to)) {
    throw new CodeRangeError(text, "letters and digits, at most 7");
  }
  if (from.slice(0, to.length) > to) throw new CodeRangeError(text, "the lower code first");
  return { family, from, to };
}

/** Letters HCPCS Level II codes start with; ICD-10-CM uses these too, so such codes are ambiguous. */
const HCPCS_LETTERS = /^[ABCEGHJKLMPQRSTV]/;

/**
 * A range a subscriber typed, in every family its shape allows: a dot or a letter with two digits
 * is ICD-10-CM (I21, E11.9); five characters from a digit is CPT; seven characters from a digit is
 * ICD-10-PCS; `E1100` may be HCPCS E1100 or ICD-10-CM E11.00 and is read as both.
 */
export function parseSubscriberRange(text: string): CodeRange[] {
  const first = normalizeCode(text.split(/\s*[-–]\s*/)[0] ?? "");
  return familiesOf(text, first).map((family) => parseCodeRange(text, family));
}

function familiesOf(text: string, code: string): CodeFamily[] {
  if (text.includes(".")) return ["icd10cm"];
  if (/^[0-9]/.test(code))
    return code.length === 5 ? ["hcpcs"] : code.length >= 6 ? ["icd10pcs"] : ["hcpcs", "icd10pcs"];
  if (/^[A-Z][0-9]{4}$/.test(code) && HCPCS_LETTERS.test(code)) return ["hcpcs", "icd10cm"];
  if (code.length <= 2 && HCPCS_LETTERS.test(code)) return ["hcpcs", "icd10cm", "icd10pcs"];
  return ["icd10cm"];
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
  return (
    code.slice(0, range.from.length) >= range.from &&
    code.slice(0, range.to.length) <= range.to &&
    sameCptCategory(code, range)
  );
}
