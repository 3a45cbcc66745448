import { z } from "zod";
import { jsonResponse, redirectResponse } from "../../http/http-response.js";
import type { ApiDependencies } from "../api-dependencies.js";
import { notFound } from "../http/api-error.js";
import { parseQuery } from "../http/query-parameters.js";
import type { Route } from "../http/router.js";

const parameters = z.object({
  sourceId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "a source id such as icd10cm"),
  sha256: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.string().regex(/^[0-9a-f]{64}$/, "64 hexadecimal digits")),
});
const query = z.object({ as: z.enum(["redirect", "link"]).default("redirect") });

/**
 * The archived file a change was computed from. `GET` redirects to a short-lived signed link
 * (`curl -L` downloads it); `?as=link` answers the link as JSON with what the archive recorded
 * about the file, for the web page, whose fetch cannot follow a redirect to another origin.
 */
export function evidenceRoute(deps: ApiDependencies): Route {
  return {
    method: "GET",
    path: "/evidence/:sourceId/:sha256",
    access: "reviewer",
    async handle({ params, request }) {
      const { sourceId, sha256 } = parseQuery(parameters, params);
      const { as } = parseQuery(query, request.query);
      const download = await deps.evidence.link(sourceId, sha256, deps.now());
      if (!download) throw notFound(`no archived file ${sha256} for source ${sourceId}`);
      return as === "link" ? jsonResponse(download) : redirectResponse(download.url);
    },
  };
}
