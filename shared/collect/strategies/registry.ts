import type { Source, SourceKind } from "../../sources/source.js";
import type { CollectionStrategy } from "../collection-strategy.js";
import { codeSetStrategy } from "./codeset/code-set-strategy.js";
import { documentSetStrategy } from "./documents/document-set-strategy.js";
import { streamedCodeSetStrategy } from "./streamed-codeset/streamed-code-set-strategy.js";

type StrategyOf<K extends SourceKind> = CollectionStrategy<Extract<Source, { kind: K }>>;

/**
 * One collection strategy per kind of source. The compiler holds it complete: a new kind in
 * `SourceKind` without its line here does not build.
 */
const STRATEGIES: { readonly [K in SourceKind]: StrategyOf<K> } = {
  codeset: codeSetStrategy,
  "streamed-codeset": streamedCodeSetStrategy,
  documents: documentSetStrategy,
};

/** The strategy that collects `source`, chosen by its kind. */
export function strategyFor(source: Source): CollectionStrategy {
  // Each strategy takes sources of its own kind only, and the kind is what chose it.
  return STRATEGIES[source.kind] as CollectionStrategy;
}
