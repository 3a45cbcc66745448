import type { CodeSystemRules } from "../core/code-system.js";
import { SOURCE_CATALOG } from "./catalog.js";
import { isCodeSet } from "./source.js";

/**
 * Every code system codecurrent collects, by its `system` id: the rules of the catalog's code-set
 * sources (several sources may share one system, e.g. the three MUE tables). Derived from the
 * catalog, so a new code-set source is known here without being listed again.
 */
export const CODE_SYSTEMS: Readonly<Record<string, CodeSystemRules>> = Object.fromEntries(
  SOURCE_CATALOG.filter(isCodeSet).map((source) => [source.rules.system, source.rules]),
);

export function codeSystemRules(system: string): CodeSystemRules {
  const rules = CODE_SYSTEMS[system];
  if (!rules) {
    throw new Error(`Unknown code system "${system}". Known: ${Object.keys(CODE_SYSTEMS).join(", ")}`);
  }
  return rules;
}

/** Systems `codecurrent diff` reads from files (the rules declare `cliDiff`), in catalog order. */
export const CLI_DIFF_SYSTEMS: readonly string[] = Object.values(CODE_SYSTEMS)
  .filter((rules) => rules.cliDiff !== null)
  .map((rules) => rules.system);
