import { describe, expect, it } from "vitest";
import { dateIn, reissueIn } from "#shared/publishers/publisher-dates.js";
import { fiscalYearRelease, quarterRelease } from "#shared/publishers/release-names.js";

describe("re-issue dates from the publishers' own names", () => {
  // Every re-issue name CMS has used (DESIGN.md, "How the publishers really publish").
  it.each([
    ["/files/zip/2024-code-descriptions-tabular-order-updated-02/01/2024.zip", "updated", "2024-02-01"],
    ["/files/zip/2024-code-descriptions-tabular-order-updated-02012024.zip", "updated", "2024-02-01"],
    ["/files/zip/2024-code-descriptions-tabular-order-updated-01112024.zip", "updated", "2024-01-11"],
    ["/files/zip/2024-code-descriptions-tabular-order-updated-01/09/2024.zip", "updated", "2024-01-09"],
    ["/files/zip/2021-code-descriptions-tabular-order-updated-12162020.zip", "updated", "2020-12-16"],
    ["/files/zip/2026-code-descriptions-tabular-order-updated-01012026.zip", "updated", "2026-01-01"],
    [
      "/files/zip/2022-icd-10-pcs-order-file-long-and-abbreviated-titles-updated-december-1-2021.zip",
      "updated",
      "2021-12-01",
    ],
    [
      "/files/zip/2024-icd-10-pcs-order-file-long-and-abbreviated-titles-updated-12/19/2023.zip",
      "updated",
      "2023-12-19",
    ],
    ["/files/zip/errata-january-12-2022.zip", "errata", "2022-01-12"],
    ["2024 Code Descriptions in Tabular Order - Updated 02/01/2024 (ZIP)", "updated", "2024-02-01"],
    ["Errata - January 12, 2022 (ZIP)", "errata", "2022-01-12"],
  ])("%s is a re-issue (%s) of %s", (name, kind, date) => {
    expect(reissueIn(name)).toEqual({ kind, date });
  });

  it.each([
    "/files/zip/2025-code-descriptions-tabular-order.zip",
    "/files/zip/april-1-2024-code-descriptions-tabular-order.zip",
    "/files/zip/2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip",
    "ICD-10-CM April 1 update",
    "/Medicare/Coding/ICD10/Downloads/2020-ICD-10-CM-Codes.zip",
  ])("%s is no re-issue: a fiscal year in the name is never its date", (name) => {
    expect(reissueIn(name)).toBeUndefined();
  });

  it("reads no impossible date", () => {
    expect(dateIn("updated-02/30/2024")).toBeUndefined();
    expect(dateIn("updated-13012024")).toBeUndefined();
    expect(dateIn("updated-20240201")).toBe("2024-02-01");
  });
});

describe("versions named for a coder", () => {
  it.each([
    [{ fiscalYear: 2026, update: "october" }, "FY2026", "2025-10-01"],
    [
      { fiscalYear: 2026, update: "october", reissue: { kind: "updated", date: "2026-01-01" } },
      "FY2026, updated 2026-01-01",
      "2026-01-01",
    ],
    [{ fiscalYear: 2026, update: "april" }, "FY2026 April 1 update", "2026-04-01"],
    [
      { fiscalYear: 2022, update: "october", reissue: { kind: "errata", date: "2022-01-12" } },
      "FY2022, errata 2022-01-12",
      "2022-01-12",
    ],
    // A re-issue dated before the fiscal year starts takes effect with it.
    [
      { fiscalYear: 2024, update: "october", reissue: { kind: "updated", date: "2023-09-15" } },
      "FY2024, updated 2023-09-15",
      "2023-10-01",
    ],
  ] as const)("%o is %s, effective %s", (issue, version, effectiveDate) => {
    expect(fiscalYearRelease(issue)).toEqual({ version, effectiveDate });
  });

  it("names HCPCS quarters and their re-issues", () => {
    expect(quarterRelease({ year: 2026, quarter: 1 })).toEqual({
      version: "HCPCS 2026 Q1",
      effectiveDate: "2026-01-01",
    });
    expect(
      quarterRelease({ year: 2026, quarter: 1, reissue: { kind: "updated", date: "2026-01-15" } }),
    ).toEqual({
      version: "HCPCS 2026 Q1, updated 2026-01-15",
      effectiveDate: "2026-01-15",
    });
  });
});
