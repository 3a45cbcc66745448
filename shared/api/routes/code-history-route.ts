import { z } from "zod";
import { jsonResponse } from "../../http/http-response.js";
import { CODE_SYSTEMS } from "../../sources/code-systems.js";
import type { ApiDependencies } from "../api-dependencies.js";
import { normaliseCode } from "../changes/change-filter.js";
import { changeView } from "../changes/change-view.js";
import { planCodeHistory } from "../changes/code-history-plan.js";
import { ApiError } from "../http/api-error.js";
import { parseQuery } from "../http/query-parameters.js";
import type { Route } from "../http/router.js";

/** A code's history is a few changes per release; more than this is a key that is not a code. */
const MAX_HISTORY = 2_000;

const pathParameters = z.object({
  system: z.string().refine((system) => system in CODE_SYSTEMS, {
    error: () => `unknown code system; known: ${Object.keys(CODE_SYSTEMS).join(", ")}`,
  }),
  code: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9.]+$/, "a code: letters, digits and dots"),
});

export function codeHistoryRoute(deps: ApiDependencies): Route {
  return {
    method: "GET",
    path: "/codes/:system/:code",
    access: "reviewer",
    async handle({ params }) {
      const { system, code: typed } = parseQuery(pathParameters, params);
      const code = normaliseCode(typed);
      const found = await deps.changes.all(planCodeHistory(code), MAX_HISTORY);
      if (!found)
        throw new ApiError(422, "too_many_changes", `more than ${MAX_HISTORY} changes involve ${code}`);
      const views = found.map(changeView);
      const own = (view: (typeof views)[number]) => view.system === system && view.code === code;
      return jsonResponse({
        system,
        systemLabel: CODE_SYSTEMS[system]!.label,
        code,
        title: views.find(own)?.title,
        history: views.filter(own),
        // NCCI edits naming the code (as first or second code of a pair) and the same code in
        // other code-set tables.
        related: views.filter((view) => !own(view)),
      });
    },
  };
}
