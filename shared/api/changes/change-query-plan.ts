import { SOURCE_CATALOG } from "../../sources/catalog.js";
import type { ChangeFilter } from "./change-filter.js";

/** One DynamoDB Query over an index of the changes table. */
export interface IndexQuery {
  readonly index: string;
  readonly keyCondition: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, unknown>>;
  /** Attributes of an item that make up an ExclusiveStartKey on this index (table key + index key). */
  readonly keyAttributes: readonly string[];
}

/**
 * How a filter is answered: one or more index queries read in the same order and merged, and a
 * filter expression for the conditions no key covers.
 */
export interface ChangeQueryPlan {
  readonly queries: readonly IndexQuery[];
  /** `newest-first` by detection time, or `by-code` (code ranges read a code-sorted index). */
  readonly order: "newest-first" | "by-code";
  readonly filter?: {
    readonly expression: string;
    readonly names: Readonly<Record<string, string>>;
    readonly values: Readonly<Record<string, unknown>>;
  };
}

/** Sorts after every character a key holds, so `codeTo = E13` also covers `E1399`. */
const AFTER_EVERY_KEY = "\uffff";

/**
 * Picks the index for a filter:
 * - one code → `byCode` (`system#code`), detection range in the key condition;
 * - a code range → `bySystemCode` (`system`, `key` BETWEEN), read in code order;
 * - otherwise → `bySource` for the source, for every source of the system, or for every source
 *   in the catalog, detection range in the key condition, merged newest first.
 * Everything else (change type, category, effective dates, history, a source beside a code) is a
 * filter expression on what the key condition already narrowed down.
 */
export function planChangeQuery(filter: ChangeFilter): ChangeQueryPlan {
  const detected = detectionBounds(filter);
  if (filter.code !== undefined && filter.system !== undefined) {
    return withFilter(filter, "newest-first", [
      byTime("byCode", "codeRef", `${filter.system}#${filter.code}`, detected),
    ]);
  }
  if ((filter.codeFrom !== undefined || filter.codeTo !== undefined) && filter.system !== undefined) {
    const names = { "#pk": "system", "#sk": "key" };
    const values: Record<string, unknown> = { ":pk": filter.system };
    let condition = "#pk = :pk";
    const to = filter.codeTo === undefined ? undefined : `${filter.codeTo}${AFTER_EVERY_KEY}`;
    if (filter.codeFrom !== undefined && to !== undefined) {
      condition += " AND #sk BETWEEN :from AND :to";
      Object.assign(values, { ":from": filter.codeFrom, ":to": to });
    } else if (filter.codeFrom !== undefined) {
      condition += " AND #sk >= :from";
      values[":from"] = filter.codeFrom;
    } else {
      condition += " AND #sk <= :to";
      values[":to"] = to;
    }
    return withFilter(
      filter,
      "by-code",
      [
        {
          index: "bySystemCode",
          keyCondition: condition,
          names,
          values,
          keyAttributes: ["id", "system", "key"],
        },
      ],
      detected,
    );
  }
  const sources = filter.sourceId
    ? [filter.sourceId]
    : SOURCE_CATALOG.filter(
        (source) => filter.system === undefined || source.rules.system === filter.system,
      ).map((source) => source.id);
  return withFilter(
    filter,
    "newest-first",
    sources.map((sourceId) => byTime("bySource", "sourceId", sourceId, detected)),
  );
}

export interface Bounds {
  readonly from?: string;
  readonly to?: string;
}

/** Stored detection times are full ISO strings (`…T12:00:00.000Z`): bounds are compared in that form. */
function detectionBounds(filter: ChangeFilter): Bounds {
  const from =
    filter.detectedFrom === undefined
      ? undefined
      : filter.detectedFrom.length === 10
        ? filter.detectedFrom
        : new Date(filter.detectedFrom).toISOString();
  const to =
    filter.detectedTo === undefined
      ? undefined
      : filter.detectedTo.length === 10
        ? `${filter.detectedTo}T23:59:59.999Z`
        : new Date(filter.detectedTo).toISOString();
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export function byTime(index: string, partitionKey: string, value: string, bounds: Bounds): IndexQuery {
  const names: Record<string, string> = { "#pk": partitionKey };
  const values: Record<string, unknown> = { ":pk": value };
  let condition = "#pk = :pk";
  // DynamoDB refuses an expression attribute name the expression does not use.
  if (bounds.from !== undefined || bounds.to !== undefined) names["#sk"] = "detectedAt";
  if (bounds.from !== undefined && bounds.to !== undefined) {
    condition += " AND #sk BETWEEN :from AND :to";
    Object.assign(values, { ":from": bounds.from, ":to": bounds.to });
  } else if (bounds.from !== undefined) {
    condition += " AND #sk >= :from";
    values[":from"] = bounds.from;
  } else if (bounds.to !== undefined) {
    condition += " AND #sk <= :to";
    values[":to"] = bounds.to;
  }
  return { index, keyCondition: condition, names, values, keyAttributes: ["id", partitionKey, "detectedAt"] };
}

function withFilter(
  filter: ChangeFilter,
  order: ChangeQueryPlan["order"],
  queries: IndexQuery[],
  detectedNotInKey?: Bounds,
): ChangeQueryPlan {
  const terms: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const term = (attribute: string, operator: string, value: unknown, suffix = attribute) => {
    names[`#f_${attribute}`] = attribute;
    values[`:f_${suffix}`] = value;
    terms.push(`#f_${attribute} ${operator} :f_${suffix}`);
  };
  const usesSourceIndex = queries.some((query) => query.index === "bySource");
  if (filter.sourceId !== undefined && !usesSourceIndex) term("sourceId", "=", filter.sourceId);
  if (filter.changeTypes !== undefined && filter.changeTypes.length > 0) {
    names["#f_changeType"] = "changeType";
    const placeholders = filter.changeTypes.map((type, i) => {
      values[`:f_changeType${i}`] = type;
      return `:f_changeType${i}`;
    });
    terms.push(`#f_changeType IN (${placeholders.join(", ")})`);
  }
  if (filter.category !== undefined) term("category", "=", filter.category);
  if (filter.effectiveFrom !== undefined) term("effectiveDate", ">=", filter.effectiveFrom, "effectiveFrom");
  if (filter.effectiveTo !== undefined) term("effectiveDate", "<=", filter.effectiveTo, "effectiveTo");
  if (filter.history !== undefined) term("history", "=", filter.history);
  if (detectedNotInKey?.from !== undefined) term("detectedAt", ">=", detectedNotInKey.from, "detectedFrom");
  if (detectedNotInKey?.to !== undefined) term("detectedAt", "<=", detectedNotInKey.to, "detectedTo");
  return {
    queries,
    order,
    ...(terms.length > 0 ? { filter: { expression: terms.join(" AND "), names, values } } : {}),
  };
}
