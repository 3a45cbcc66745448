/** Code systems whose codes a document can mention. */
export type MentionedSystem = "icd10cm" | "cpt" | "hcpcs";

export interface CodeMention {
  readonly system: MentionedSystem;
  /** As the code sets key it: ICD-10-CM undotted (`E119`), CPT and HCPCS as printed. */
  readonly code: string;
}

/** Codes a caller knows to exist, per system; a mention of a system with a set must be in it. */
export type KnownCodes = Partial<Record<MentionedSystem, ReadonlySet<string>>>;

// Neither a letter, digit, dot nor hyphen may touch a code: `R13924CP`, `CMS-1849-F`,
// `W-00-24-35862`, `91 FR 49570.1` and `MM14557` are identifiers, not codes.
const BEFORE = String.raw`(?<![A-Za-z0-9.\-/])`;
const AFTER = String.raw`(?![A-Za-z0-9\-]|\.[0-9A-Za-z])`;

// ICD-10-CM: a letter (never U outside the emergency U07/U09 codes), a digit, a digit or letter,
// then up to four more after the dot. Dotted codes are unmistakable; undotted ones look like
// HCPCS codes or part numbers, so they need ICD-10 context nearby.
const ICD10_DOTTED = new RegExp(`${BEFORE}([A-TV-Z][0-9][0-9A-Z]|U0[79])\\.([0-9A-Z]{1,4})${AFTER}`, "g");
const ICD10_UNDOTTED = new RegExp(`${BEFORE}([A-TV-Z][0-9][0-9A-Z][0-9A-Z]{0,4})${AFTER}`, "g");
// CPT Category III (`0345T`) and PLA (`0001U`) codes carry their own marker letter.
const CPT_LETTERED = new RegExp(`${BEFORE}([0-9]{4}[TU])${AFTER}`, "g");
const CPT_NUMERIC = new RegExp(`${BEFORE}([0-9]{5})${AFTER}`, "g");
// HCPCS Level II letters: D is dental (CDT, ADA-licensed) and I, N, O, W, X, Y, Z are unused.
const HCPCS = new RegExp(`${BEFORE}([A-CEGHJ-MP-V][0-9]{4})${AFTER}`, "g");

// How far before a bare number or undotted code its context may be, in characters.
const CONTEXT_REACH = 80;
const CPT_CONTEXT = /\b(?:CPT|HCPCS|E\/M|procedure codes?|codes?|billing)\b/i;
const ICD10_CONTEXT = /\bICD-?10(?:-CM)?\b|\bdiagnos[ie]s codes?\b/i;
// Five-digit numbers that follow these words are numbers of something else.
const NOT_A_CPT_CODE =
  /(?:\bCR|\bZIP|\bzip code|\bdocket|\bNo\.?|#|\bFR|\bRIN|\bpages?|\bpp\.|\bnumber|\breport|\bfile|\$|\bMM|\bSE)\s*:?\s*$/i;

/**
 * The codes a document mentions, each once, in order of first mention. Five-digit CPT codes and
 * undotted ICD-10-CM codes count only with coding context before them (a docket id, a change
 * request number or a ZIP code is not a code); where `known` holds a system's codes, a mention
 * must be one of them.
 */
export function codeMentions(text: string, known: KnownCodes = {}): CodeMention[] {
  const found = new Map<string, CodeMention & { at: number }>();
  const note = (system: MentionedSystem, code: string, at: number) => {
    const set = known[system];
    if (set && !set.has(code)) return;
    const id = `${system}:${code}`;
    if (!found.has(id)) found.set(id, { system, code, at });
  };
  const before = (at: number) => text.slice(Math.max(0, at - CONTEXT_REACH), at);

  for (const match of text.matchAll(ICD10_DOTTED)) note("icd10cm", `${match[1]}${match[2]}`, match.index);
  for (const match of text.matchAll(CPT_LETTERED)) note("cpt", match[1]!, match.index);
  for (const match of text.matchAll(HCPCS)) {
    // `E1190` is also an undotted ICD-10-CM code; with ICD-10 context it is read as one.
    if (ICD10_CONTEXT.test(before(match.index)) && /^[A-TV-Z]/.test(match[1]!)) continue;
    note("hcpcs", match[1]!, match.index);
  }
  for (const match of text.matchAll(ICD10_UNDOTTED)) {
    const code = match[1]!;
    if (known.icd10cm?.has(code) || ICD10_CONTEXT.test(before(match.index)))
      note("icd10cm", code, match.index);
  }
  for (const match of text.matchAll(CPT_NUMERIC)) {
    const preceding = before(match.index);
    if (NOT_A_CPT_CODE.test(preceding)) continue;
    if (known.cpt?.has(match[1]!) || CPT_CONTEXT.test(preceding)) note("cpt", match[1]!, match.index);
  }
  return [...found.values()].sort((a, b) => a.at - b.at).map(({ system, code }) => ({ system, code }));
}
