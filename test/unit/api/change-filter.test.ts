import { describe, expect, it } from "vitest";
import { changeFilterParameters, normaliseCode, toChangeFilter } from "#shared/api/changes/change-filter.js";
import { ApiError } from "#shared/api/http/api-error.js";
import { parseQuery } from "#shared/api/http/query-parameters.js";

const parse = (query: Record<string, string>) => toChangeFilter(parseQuery(changeFilterParameters, query));

function rejection(query: Record<string, string>): ApiError {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the query to be refused");
}

describe("change filter parameters", () => {
  it("normalises dotted codes to the stored form and takes the code system from the source", () => {
    expect(parse({ source: "icd10cm", code: "e11.9" })).toEqual({
      sourceId: "icd10cm",
      system: "icd10cm",
      code: "E119",
    });
    expect(normaliseCode(" p74.2 ")).toBe("P742");
  });

  it("reads a comma-separated change type list", () => {
    expect(parse({ changeType: "added,deleted" }).changeTypes).toEqual(["added", "deleted"]);
  });

  it.each([
    [{ source: "nope" }, "source", /unknown source/],
    [{ system: "cpt4" }, "system", /unknown code system/],
    [{ code: "E119" }, "system", /needs its code system/],
    [{ system: "icd10cm", code: "E119", codeFrom: "E10" }, "code", /either code or codeFrom/],
    [{ source: "icd10cm", system: "hcpcs" }, "system", /publishes icd10cm/],
    [{ changeType: "added,renamed" }, "changeType.1", /each of added, deleted, revised/],
    [{ detectedFrom: "yesterday" }, "detectedFrom", /YYYY-MM-DD/],
    [{ effectiveFrom: "2026-02-30x" }, "effectiveFrom", /YYYY-MM-DD/],
    [{ detectedFrom: "2026-05-02", detectedTo: "2026-05-01" }, "detected", /after/],
    [{ system: "icd10cm", codeFrom: "E13", codeTo: "E08" }, "code", /after/],
    [{ system: "icd10cm", code: "<script>" }, "code", /letters, digits/],
    [{ category: "chapter" }, "category", /code|header/],
  ])("refuses %j with a 400 naming the parameter", (query, parameter, message) => {
    const error = rejection(query as Record<string, string>);
    expect(error.status).toBe(400);
    const issue = error.issues?.find((i) => i.parameter === parameter);
    expect(issue, JSON.stringify(error.issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });
});
