import { describe, expect, it } from "vitest";
import { planChangeQuery } from "#shared/api/changes/change-query-plan.js";
import { planCodeHistory } from "#shared/api/changes/code-history-plan.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";

describe("query plan per filter combination", () => {
  it("reads one code's history from byCode, with the detection range in the key condition", () => {
    const plan = planChangeQuery({ system: "icd10cm", code: "E119", detectedFrom: "2026-01-01" });
    expect(plan.queries).toHaveLength(1);
    expect(plan.queries[0]).toMatchObject({
      index: "byCode",
      values: { ":pk": "icd10cm#E119", ":from": "2026-01-01" },
    });
    expect(plan.queries[0]!.keyCondition).toContain("#sk >= :from");
    expect(plan.order).toBe("newest-first");
  });

  it("reads a code range from bySystemCode in code order, covering the last code's subcodes", () => {
    const plan = planChangeQuery({
      system: "icd10cm",
      codeFrom: "E08",
      codeTo: "E13",
      changeTypes: ["added"],
    });
    expect(plan.order).toBe("by-code");
    expect(plan.queries[0]).toMatchObject({
      index: "bySystemCode",
      values: { ":pk": "icd10cm", ":from": "E08" },
    });
    expect(String(plan.queries[0]!.values[":to"]) > "E1399").toBe(true);
    expect(plan.filter?.expression).toContain("#f_changeType IN (:f_changeType0)");
  });

  it("moves detection bounds into the filter when the key is the code", () => {
    const plan = planChangeQuery({ system: "hcpcs", codeFrom: "J0", detectedTo: "2026-05-01" });
    expect(plan.filter?.values).toMatchObject({ ":f_detectedTo": "2026-05-01T23:59:59.999Z" });
  });

  it("reads one source from bySource, newest first, a date-only upper bound covering its whole day", () => {
    const plan = planChangeQuery({ sourceId: "hcpcs", detectedFrom: "2026-05-01", detectedTo: "2026-05-02" });
    expect(plan.queries.map((q) => q.index)).toEqual(["bySource"]);
    expect(plan.queries[0]!.values).toMatchObject({
      ":from": "2026-05-01",
      ":to": "2026-05-02T23:59:59.999Z",
    });
    expect(plan.filter).toBeUndefined();
  });

  it("merges bySource over every source of a code system, or of the catalog when nothing narrows it", () => {
    const icd = planChangeQuery({ system: "icd10cm" });
    expect(icd.queries.map((q) => q.values[":pk"])).toEqual(
      SOURCE_CATALOG.filter((s) => s.rules.system === "icd10cm").map((s) => s.id),
    );
    expect(planChangeQuery({}).queries).toHaveLength(SOURCE_CATALOG.length);
  });

  it("filters a code's history by source when both are given, and by type, category, effective dates and history", () => {
    const plan = planChangeQuery({
      system: "icd10cm",
      code: "E119",
      sourceId: "icd10cm",
      category: "code",
      effectiveFrom: "2018-10-01",
      effectiveTo: "2019-09-30",
      history: false,
    });
    expect(plan.filter?.expression).toBe(
      "#f_sourceId = :f_sourceId AND #f_category = :f_category AND #f_effectiveDate >= :f_effectiveFrom AND #f_effectiveDate <= :f_effectiveTo AND #f_history = :f_history",
    );
  });

  it("normalises a full timestamp bound to the stored ISO form", () => {
    const plan = planChangeQuery({ sourceId: "icd10cm", detectedFrom: "2026-05-01T10:00Z" });
    expect(plan.queries[0]!.values[":from"]).toBe("2026-05-01T10:00:00.000Z");
  });

  it("looks a code up in every code-set system, as a code and as the second code of a pair", () => {
    const plan = planCodeHistory("J1234");
    const refs = plan.queries.map((q) => `${q.index}:${q.values[":pk"]}`);
    expect(refs).toContain("byCode:hcpcs#J1234");
    expect(refs).toContain("byPairedCode:hcpcs#J1234");
  });
});
