import { z } from "zod";
import { type ChangeType, RECORD_CATEGORIES, type RecordCategory } from "../../core/snapshot-diff.js";
import { SOURCE_CATALOG } from "../../sources/catalog.js";
import type { Source } from "../../sources/source.js";

const CHANGE_TYPES = ["added", "deleted", "revised"] as const satisfies readonly ChangeType[];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** What a reviewer can ask the change log, after validation and normalisation. */
export interface ChangeFilter {
  readonly sourceId?: string;
  readonly system?: string;
  /** One code, normalised the way keys are stored (`E11.9` → `E119`). */
  readonly code?: string;
  /** Inclusive code range; `codeTo` includes its subcodes (`E13` covers `E1399`). */
  readonly codeFrom?: string;
  readonly codeTo?: string;
  readonly changeTypes?: readonly ChangeType[];
  readonly category?: RecordCategory;
  /** ISO bounds on detection time, inclusive; a date-only bound covers its whole UTC day. */
  readonly detectedFrom?: string;
  readonly detectedTo?: string;
  /** YYYY-MM-DD bounds on the effective date, inclusive. */
  readonly effectiveFrom?: string;
  readonly effectiveTo?: string;
  /** `false`: news only (no backfilled history); `true`: history only; absent: both. */
  readonly history?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

const isoDate = z
  .string()
  .regex(DATE, "expected a date as YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(value)), "not a calendar date");
const isoInstant = z
  .string()
  .refine(
    (value) => (DATE.test(value) || DATE_TIME.test(value)) && !Number.isNaN(Date.parse(value)),
    "expected YYYY-MM-DD or an ISO UTC timestamp such as 2026-04-01T00:00:00Z",
  );
const codeText = z
  .string()
  .max(64, "at most 64 characters")
  .regex(/^[A-Za-z0-9.|:_ -]+$/, "letters, digits and . | : _ - only");

const knownSources = (): readonly Source[] => SOURCE_CATALOG;
const knownSystems = (): string[] => [...new Set(knownSources().map((source) => source.rules.system))];

/** Query parameters of `GET /changes` (and its export), as a reviewer types them. */
export const changeFilterParameters = z
  .object({
    source: z
      .string()
      .refine((id) => knownSources().some((source) => source.id === id), {
        error: () =>
          `unknown source; known: ${knownSources()
            .map((s) => s.id)
            .join(", ")}`,
      })
      .optional(),
    system: z
      .string()
      .refine((system) => knownSystems().includes(system), {
        error: () => `unknown code system; known: ${knownSystems().join(", ")}`,
      })
      .optional(),
    code: codeText.optional(),
    codeFrom: codeText.optional(),
    codeTo: codeText.optional(),
    changeType: z
      .string()
      .transform((value) => value.split(",").map((part) => part.trim()))
      .pipe(z.array(z.enum(CHANGE_TYPES, { message: `each of ${CHANGE_TYPES.join(", ")}` })))
      .optional(),
    category: z.enum(RECORD_CATEGORIES).optional(),
    detectedFrom: isoInstant.optional(),
    detectedTo: isoInstant.optional(),
    effectiveFrom: isoDate.optional(),
    effectiveTo: isoDate.optional(),
    history: z.enum(["true", "false"]).optional(),
  })
  .check((context) => {
    const value = context.value;
    const issue = (path: string, message: string) =>
      context.issues.push({ code: "custom", path: [path], message, input: value });
    if (value.code !== undefined && (value.codeFrom !== undefined || value.codeTo !== undefined)) {
      issue("code", "give either code or codeFrom/codeTo, not both");
    }
    const needsSystem = value.code ?? value.codeFrom ?? value.codeTo;
    if (needsSystem !== undefined && value.system === undefined && value.source === undefined) {
      issue("system", "a code or code range needs its code system (or source)");
    }
    if (value.source !== undefined && value.system !== undefined) {
      const source = knownSources().find((candidate) => candidate.id === value.source);
      if (source && source.rules.system !== value.system) {
        issue("system", `source ${source.id} publishes ${source.rules.system}, not ${value.system}`);
      }
    }
    const ordered = (from: string | undefined, to: string | undefined, name: string) => {
      if (from !== undefined && to !== undefined && from.slice(0, to.length) > to) {
        issue(name, `${name}From is after ${name}To`);
      }
    };
    ordered(value.detectedFrom, value.detectedTo, "detected");
    ordered(value.effectiveFrom, value.effectiveTo, "effective");
    if (value.codeFrom !== undefined && value.codeTo !== undefined) {
      const [from, to] = [normaliseCode(value.codeFrom), normaliseCode(value.codeTo)];
      if (from.slice(0, to.length) > to) issue("code", "codeFrom is after codeTo");
    }
  });

/** Validated parameters → the filter the query planner reads. */
export function toChangeFilter(parameters: z.infer<typeof changeFilterParameters>): ChangeFilter {
  const system =
    parameters.system ?? knownSources().find((source) => source.id === parameters.source)?.rules.system;
  return strip({
    sourceId: parameters.source,
    system,
    code: parameters.code === undefined ? undefined : normaliseCode(parameters.code),
    codeFrom: parameters.codeFrom === undefined ? undefined : normaliseCode(parameters.codeFrom),
    codeTo: parameters.codeTo === undefined ? undefined : normaliseCode(parameters.codeTo),
    changeTypes: parameters.changeType ? [...new Set(parameters.changeType)] : undefined,
    category: parameters.category,
    detectedFrom: parameters.detectedFrom,
    detectedTo: parameters.detectedTo,
    effectiveFrom: parameters.effectiveFrom,
    effectiveTo: parameters.effectiveTo,
    history: parameters.history === undefined ? undefined : parameters.history === "true",
  });
}

/**
 * Code sets store keys the way CMS's files do: upper case, no dot (`E11.9` is stored as `E119`).
 * Reviewers type the dotted form from the code book; both find the same code.
 */
export function normaliseCode(code: string): string {
  return code.trim().replaceAll(".", "").toUpperCase();
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
