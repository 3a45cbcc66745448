import { describe, expect, it } from "vitest";
import { parseFederalRegisterPage } from "#shared/documents/federal-register-listing.js";
import { parseWorkPlanExport } from "#shared/documents/oig-workplan-export.js";
import { tagDocument } from "#shared/tagging/document-tags.js";
import { topicsOf } from "#shared/tagging/topics.js";
import { fixtureBytes } from "../documents/document-fixtures.js";

describe("document topics", () => {
  it("tags the real Federal Register rules with the payment systems they name", () => {
    const page = parseFederalRegisterPage(fixtureBytes("federal-register/documents-cms-pfs-page1.json"));
    const topics = (number: string) =>
      topicsOf(page.documents.find((document) => document.documentNumber === number)!.title);
    expect(topics("2026-15833")).toEqual(expect.arrayContaining(["ipps"]));
    expect(topics("2026-15833")).not.toContain("pfs");
    expect(topics("2025-19787")).toEqual(expect.arrayContaining(["pfs"]));
  });

  it("tags the real OIG telehealth audit with telehealth, E/M and audit", () => {
    const [, telehealth] = parseWorkPlanExport(fixtureBytes("oig-workplan/export-workplan.excerpt.csv"));
    expect(topicsOf(`${telehealth!.title} ${telehealth!.narrative}`)).toEqual(
      expect.arrayContaining(["telehealth", "e/m", "audit"]),
    );
  });

  it("does not tag acronyms found inside ordinary words", () => {
    expect(topicsOf("We ascertain the dmepos-free part due dates")).toEqual([]);
  });

  it("puts topics and codes into space-separated snapshot fields", () => {
    expect(tagDocument(["Telehealth E/M visits: CPT code 99213", undefined, "hospice cap"])).toEqual({
      topics: "cpt e/m telehealth hospice",
      codes: "99213",
    });
  });
});
