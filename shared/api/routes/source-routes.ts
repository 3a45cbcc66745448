import { jsonResponse } from "../../http/http-response.js";
import { SOURCE_CATALOG } from "../../sources/catalog.js";
import type { ApiDependencies } from "../api-dependencies.js";
import { changeVolume } from "../health/change-volume.js";
import { sourceHealth } from "../health/source-health.js";
import type { Route } from "../http/router.js";

/** Source health for operators, and change volume per source for the chart; both from the sources table. */
export function sourceRoutes(deps: ApiDependencies): Route[] {
  const readAll = () =>
    Promise.all(
      SOURCE_CATALOG.map(async (source) => {
        const [state, releases] = await Promise.all([
          deps.releases.state(source.id),
          deps.releases.releases(source.id),
        ]);
        return { source, state, releases };
      }),
    );
  return [
    {
      method: "GET",
      path: "/sources",
      access: "reviewer",
      async handle() {
        const now = deps.now();
        const all = await readAll();
        return jsonResponse({
          checkedAt: now.toISOString(),
          sources: all.map(({ source, state, releases }) => sourceHealth(source, state, releases, now)),
        });
      },
    },
    {
      method: "GET",
      path: "/volume",
      access: "reviewer",
      async handle() {
        const all = await readAll();
        return jsonResponse({ series: all.map(({ source, releases }) => changeVolume(source.id, releases)) });
      },
    },
  ];
}
