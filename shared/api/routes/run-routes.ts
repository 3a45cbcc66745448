import { z } from "zod";
import { jsonResponse } from "../../http/http-response.js";
import type { RunRecord } from "../../runs/run-record.js";
import { SOURCE_CATALOG } from "../../sources/catalog.js";
import type { ApiDependencies } from "../api-dependencies.js";
import { cursorParameter } from "../http/page-cursor.js";
import { parseQuery } from "../http/query-parameters.js";
import type { Route } from "../http/router.js";

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
/** The run table keeps runs for about a year (TTL); a longer range would only read empty days. */
const MAX_DAYS = 400;
const STATUSES = [
  "running",
  "baseline",
  "succeeded",
  "unchanged",
  "failed",
] as const satisfies readonly RunRecord["status"][];
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(v)), "not a calendar date");

const parameters = z
  .object({
    source: z
      .string()
      .refine((id) => SOURCE_CATALOG.some((source) => source.id === id), {
        error: () => `unknown source; known: ${SOURCE_CATALOG.map((s) => s.id).join(", ")}`,
      })
      .optional(),
    status: z.enum(STATUSES).optional(),
    from: day.optional(),
    to: day.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorParameter,
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, {
    message: "from is after to",
    path: ["from"],
  });

/** The run log with each failure's reason: what operators read when a source goes quiet. */
export function runRoutes(deps: ApiDependencies): Route[] {
  return [
    {
      method: "GET",
      path: "/runs",
      access: "reviewer",
      async handle({ request }) {
        const query = parseQuery(parameters, request.query);
        const to = query.to ?? deps.now().toISOString().slice(0, 10);
        const from =
          query.from ?? new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
        const earliest = new Date(Date.parse(to) - (MAX_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
        const page = await deps.runs.page(
          {
            ...(query.source ? { sourceId: query.source } : {}),
            ...(query.status ? { status: query.status } : {}),
            // ISO days compare as strings.
            from: from.localeCompare(earliest) < 0 ? earliest : from,
            to,
          },
          query.limit,
          query.cursor,
        );
        return jsonResponse({
          from,
          to,
          runs: page.runs.map(runView),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        });
      },
    },
  ];
}

function runView(run: RunRecord) {
  return {
    sourceId: run.sourceId,
    runId: run.runId,
    status: run.status,
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.durationMs === undefined ? {} : { durationMs: run.durationMs }),
    ...(run.version ? { version: run.version } : {}),
    ...(run.previousVersion ? { previousVersion: run.previousVersion } : {}),
    ...(run.records === undefined ? {} : { records: run.records }),
    ...(run.summary ? { summary: run.summary } : {}),
    // The publisher's own counts and whether the diff agrees: a `disagrees` is a finding to review.
    ...(run.publisherCounts ? { publisherCounts: run.publisherCounts } : {}),
    ...(run.publisherCheck ? { publisherCheck: run.publisherCheck } : {}),
    ...(run.changesWritten === undefined ? {} : { changesWritten: run.changesWritten }),
    ...(run.reason ? { reason: run.reason } : {}),
    ...(run.history === undefined ? {} : { history: run.history }),
    ...(run.evidence?.url
      ? {
          evidence: { url: run.evidence.url, fetchedAt: run.evidence.fetchedAt, sha256: run.evidence.sha256 },
        }
      : {}),
  };
}
