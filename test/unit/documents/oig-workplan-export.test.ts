import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { parseWorkPlanExport } from "#shared/documents/oig-workplan-export.js";
import { fixtureBytes, fixtureText } from "./document-fixtures.js";

const REAL = "oig-workplan/export-workplan.excerpt.csv";

describe("OIG Work Plan export", () => {
  it("reads the real excerpt's two records with every column by name", () => {
    const items = parseWorkPlanExport(fixtureBytes(REAL));
    expect(items.map((item) => item.number)).toEqual(["A-01-20-01501", "A-01-21-00501"]);
    expect(items[1]).toMatchObject({
      title:
        "Audit of Medicare Part B Telehealth Evaluation and Management Services Provided During the COVID-19 Public Health Emergency",
      type: "Project",
      seriesNumber: "W-00-24-35862",
      reportNumber: "A-01-21-00501",
      component: "OAS",
      agencies: "CMS",
      status: "COMPLETED",
      announcedDate: "2021-06-29",
      financialGroupTags: "Medicare B",
      estimatedFiscalYear: "2026",
    });
  });

  it("turns the quoted HTML narrative into plain text", () => {
    const [first] = parseWorkPlanExport(fixtureBytes(REAL));
    expect(first!.narrative).toMatch(
      /^The Substance Abuse and Mental Health Services Administration \(SAMHSA\)/,
    );
    expect(first!.narrative).not.toMatch(/<p|data-block-key/);
  });

  it("reads an export that starts with two byte-order marks and has multi-line quoted fields", () => {
    const multiLine = fixtureText(REAL).replace("<p>Telehealth is playing", "<p>\r\nTelehealth\nis playing");
    const items = parseWorkPlanExport(Buffer.from(`\uFEFF\uFEFF${multiLine}`));
    expect(items.map((item) => item.number)).toEqual(["A-01-20-01501", "A-01-21-00501"]);
    expect(items[1]!.narrative).toMatch(/^Telehealth is playing/);
  });

  it("fails on an export that lost a column, never reading it as items without a status", () => {
    const withoutStatus = fixtureText(REAL).replace(",Status,", ",State,");
    expect(() => parseWorkPlanExport(Buffer.from(withoutStatus))).toThrow(ParseError);
    expect(() => parseWorkPlanExport(Buffer.from(withoutStatus))).toThrow(/lacks Status/);
  });

  it("fails on a cut-off export (an unterminated quoted narrative)", () => {
    const text = fixtureText(REAL);
    expect(() =>
      parseWorkPlanExport(Buffer.from(text.slice(0, text.indexOf("Telehealth is playing")))),
    ).toThrow(/not a readable CSV export/);
  });

  it("reads a header-only export as no items, for the sanity gate to refuse", () => {
    const header = fixtureText(REAL).split("\n")[0]!;
    expect(parseWorkPlanExport(Buffer.from(header))).toEqual([]);
    expect(() => parseWorkPlanExport(Buffer.from(""))).toThrow(/empty/);
  });
});
