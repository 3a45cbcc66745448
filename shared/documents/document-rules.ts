import type { CodeSystemRules, DocumentFacts } from "../core/code-system.js";

/** How a document set reads what its documents say of themselves. */
export interface DocumentReading {
  /** The field holding the publisher's listing or publication date of a document. */
  readonly listedOnField: string;
  /** Type, effective date, comment deadline and official page of one document, from its fields. */
  facts(values: Readonly<Record<string, string>>): DocumentFacts;
}

/**
 * How a document set's snapshot lines read: every document counts as a record of its own (there
 * are no header lines), its title is the field named `title`, and `reading` says what each
 * document is and when it takes effect.
 */
export function documentRules(
  system: string,
  label: string,
  fields: readonly string[],
  reading: DocumentReading,
): CodeSystemRules {
  const title = fields.indexOf("title");
  if (title < 0) throw new Error(`${system}: a document set needs a "title" field`);
  if (!fields.includes(reading.listedOnField))
    throw new Error(`${system}: the listing date field "${reading.listedOnField}" is not one of its fields`);
  return {
    system,
    label,
    family: null,
    displayCode: (key) => key,
    recordNoun: { one: "document", many: "documents" },
    cliDiff: null,
    fields,
    categoryOf: () => "code",
    categoryOfLine: () => "code",
    titleOf: (values) => values[title] ?? "",
    documentFacts: (values) => {
      const facts = reading.facts(values);
      return {
        ...facts,
        effectiveDate: isoDate(facts.effectiveDate),
        commentsCloseOn: isoDate(facts.commentsCloseOn),
        officialUrl: /^https:\/\/\S+$/.test(facts.officialUrl) ? facts.officialUrl : "",
      };
    },
    listedOn: (values) => isoDate(values[reading.listedOnField] ?? ""),
  };
}

/** The date part of an ISO date or timestamp; anything else is no date (never a guess). */
function isoDate(value: string): string {
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim())?.[1];
  return date && !Number.isNaN(Date.parse(date)) ? date : "";
}
