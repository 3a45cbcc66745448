import { codeMentions, type KnownCodes } from "./code-mentions.js";
import { topicsOf } from "./topics.js";

/** What a document touches, as snapshot fields digests can match subscribers against. */
export interface DocumentTags {
  /** Space-separated topic ids, e.g. `pfs telehealth e/m`. */
  readonly topics: string;
  /** Space-separated codes as the code sets key them, e.g. `E119 99213 G2211`. */
  readonly codes: string;
}

/** Tags a document from its meaningful texts (title, abstract, subject, narrative). */
export function tagDocument(texts: readonly (string | undefined)[], known?: KnownCodes): DocumentTags {
  const text = texts.filter((part): part is string => Boolean(part)).join("\n");
  return {
    topics: topicsOf(text).join(" "),
    codes: codeMentions(text, known)
      .map((mention) => mention.code)
      .join(" "),
  };
}
