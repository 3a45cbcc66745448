/**
 * The subjects a coder or compliance officer subscribes to, each recognised by the words CMS, the
 * Federal Register and OIG actually use for it. Acronyms match case-sensitively so that "asc" in
 * "ascertain" or "Part D" in "part due" never tag a document.
 */
const TOPIC_PATTERNS: readonly (readonly [topic: string, pattern: RegExp])[] = [
  ["icd-10", /\bICD-?10(?:-CM|-PCS)?\b|\bdiagnosis codes?\b/i],
  ["cpt", /\bCPT\b|Current Procedural Terminology/],
  ["hcpcs", /\bHCPCS\b|Healthcare Common Procedure Coding/i],
  ["ncci", /\bNCCI\b|National Correct Coding|[Mm]edically [Uu]nlikely [Ee]dits?|\bMUEs?\b|\bPTP edits?\b/],
  ["e/m", /\bE\/M\b|\bE&M\b|[Ee]valuation and [Mm]anagement/],
  ["pfs", /[Pp]hysician [Ff]ee [Ss]chedule|\bM?PFS\b/],
  ["opps", /\bOPPS\b|[Oo]utpatient [Pp]rospective [Pp]ayment/],
  ["ipps", /\bIPPS\b|[Ii]npatient [Pp]rospective [Pp]ayment|\bMS-DRGs?\b/],
  ["telehealth", /tele-?health|telemedicine|virtual check-ins?|remote (?:patient|physiologic) monitoring/i],
  ["dme", /\bDMEPOS\b|\bDME\b|[Dd]urable [Mm]edical [Ee]quipment/],
  ["audit", /\baudit(?:s|ed|ing)?\b|improper payments?|\bOIG\b|Inspector General/i],
  ["hospice", /\bhospices?\b/i],
  ["home-health", /\bhome health\b/i],
  ["snf", /\bSNFs?\b|[Ss]killed [Nn]ursing/],
  ["esrd", /\bESRD\b|[Ee]nd-[Ss]tage [Rr]enal|\bdialysis\b/],
  ["asc", /\bASCs?\b|[Aa]mbulatory [Ss]urgical [Cc]ent/],
  ["lab", /\bCLFS\b|[Cc]linical [Ll]aboratory [Ff]ee [Ss]chedule|\blaboratory tests?\b/],
  [
    "quality",
    /\bMIPS\b|\bQPP\b|[Qq]uality (?:[Pp]ayment |[Rr]eporting )?[Pp]rograms?|[Qq]uality [Rr]eporting/,
  ],
  ["medicare-advantage", /Medicare Advantage|\bMA organizations?\b/],
  ["part-d", /\bPart D\b|[Pp]rescription [Dd]rug [Bb]enefit/],
  ["medicaid", /\bMedicaid\b|\bCHIP\b/],
  ["opioids", /\bopioids?\b|substance use disorder/i],
];

/** The topics a text is about, in vocabulary order. */
export function topicsOf(text: string): string[] {
  return TOPIC_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([topic]) => topic);
}

/** Every topic codecurrent tags with, for subscription forms and validation. */
export const TOPICS: readonly string[] = TOPIC_PATTERNS.map(([topic]) => topic);
