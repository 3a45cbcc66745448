import { z } from "zod";
import { changeLogCsv } from "../../changes/change-log-csv.js";
import { fileResponse, jsonResponse } from "../../http/http-response.js";
import type { ApiDependencies } from "../api-dependencies.js";
import {
  changeFilterParameters,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  toChangeFilter,
} from "../changes/change-filter.js";
import { planChangeQuery } from "../changes/change-query-plan.js";
import { changeView } from "../changes/change-view.js";
import { ApiError } from "../http/api-error.js";
import { cursorParameter } from "../http/page-cursor.js";
import { parseQuery } from "../http/query-parameters.js";
import type { Route } from "../http/router.js";

/**
 * Past this an export would outgrow a Lambda response (6 MB, even gzipped) and API Gateway's
 * 30 seconds; a reviewer narrows the filters instead (a source, a quarter, a code range).
 */
export const EXPORT_MAX_ROWS = 50_000;

const pageParameters = changeFilterParameters.and(
  z.object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    cursor: cursorParameter,
  }),
);
const exportParameters = changeFilterParameters.and(
  z.object({ format: z.enum(["csv", "json"]).default("csv") }),
);

export function changeRoutes(deps: ApiDependencies): Route[] {
  return [
    {
      method: "GET",
      path: "/changes",
      access: "reviewer",
      async handle({ request }) {
        const parameters = parseQuery(pageParameters, request.query);
        const plan = planChangeQuery(toChangeFilter(parameters));
        const page = await deps.changes.page(plan, parameters.limit, parameters.cursor);
        return jsonResponse({
          changes: page.changes.map(changeView),
          order: plan.order,
          ...(page.cursor ? { cursor: page.cursor } : {}),
        });
      },
    },
    {
      method: "GET",
      path: "/changes/export",
      access: "reviewer",
      async handle({ request }) {
        const parameters = parseQuery(exportParameters, request.query);
        const filter = toChangeFilter(parameters);
        const changes = await deps.changes.all(planChangeQuery(filter), EXPORT_MAX_ROWS);
        if (!changes) {
          throw new ApiError(
            413,
            "export_too_large",
            `more than ${EXPORT_MAX_ROWS} changes match: narrow the filters (source, dates, code range)`,
          );
        }
        const stamp = deps.now().toISOString().slice(0, 10);
        if (parameters.format === "json") {
          const body = JSON.stringify({
            exportedAt: deps.now().toISOString(),
            filter,
            count: changes.length,
            changes: changes.map(changeView),
          });
          return fileResponse(body, "application/json; charset=utf-8", `codecurrent-changes-${stamp}.json`);
        }
        return fileResponse(
          changeLogCsv(changes),
          "text/csv; charset=utf-8",
          `codecurrent-changes-${stamp}.csv`,
        );
      },
    },
  ];
}
