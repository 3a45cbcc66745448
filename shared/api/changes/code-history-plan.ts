import { CODE_SYSTEMS } from "../../sources/code-systems.js";
import { byTime, type ChangeQueryPlan } from "./change-query-plan.js";

/**
 * A code's whole history across sources, newest first: its own changes in every code-set system
 * that keys it (HCPCS, and the NCCI tables that list the same code), and the NCCI edit pairs in
 * which it is the second code (`byPairedCode`). Each is a tiny index partition, so reading all of
 * them costs a handful of small queries.
 */
export function planCodeHistory(code: string): ChangeQueryPlan {
  const systems = Object.keys(CODE_SYSTEMS);
  return {
    order: "newest-first",
    queries: systems.flatMap((system) => [
      byTime("byCode", "codeRef", `${system}#${code}`, {}),
      byTime("byPairedCode", "pairedCodeRef", `${system}#${code}`, {}),
    ]),
  };
}
