import { describe, expect, it } from "vitest";
import type { ChangeView } from "#shared/api/changes/change-view.js";
import { changesCsv } from "#shared/api/export/changes-csv.js";
import { csvCell } from "#shared/api/export/csv-cell.js";

const change: ChangeView = {
  id: "icd10cm|k|revised|E119",
  sourceId: "icd10cm",
  system: "icd10cm",
  code: "E119",
  changeType: "revised",
  category: "code",
  title: 'Type 2 diabetes, "without" complications, Sjögren',
  fields: [{ field: "long", before: "old title", after: "new title" }],
  before: { long: "old title" },
  after: { long: "new title" },
  version: "FY2019",
  previousVersion: "FY2018",
  effectiveDate: "2018-10-01",
  detectedAt: "2026-05-01T12:00:00.000Z",
  history: false,
  evidence: {
    url: "https://www.cms.gov/files/zip/2019-code-descriptions-tabular-order.zip",
    fetchedAt: "2026-05-01T11:59:00.000Z",
    sha256: "a".repeat(64),
    downloadPath: `/evidence/icd10cm/${"a".repeat(64)}`,
  },
};

describe("CSV cells", () => {
  it.each(['=HYPERLINK("http://x")', "+1", "-ACE inhibitor", "@SUM(A1)", "\tcmd", "\rcmd"])(
    "neutralises a cell starting a formula: %j",
    (value) => {
      expect(csvCell(value).replace(/^"/, "")).toMatch(/^'/);
    },
  );

  it("leaves ordinary text alone and quotes separators and quotes per RFC 4180", () => {
    expect(csvCell("E119")).toBe("E119");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(undefined)).toBe("");
  });
});

describe("change log CSV", () => {
  const csv = changesCsv([change, { ...change, code: "-E11", title: "=cmd|' /C calc'!A0" }]);

  it("starts with a UTF-8 byte-order mark and ends every line with CRLF, so Excel opens it as UTF-8", () => {
    expect(csv.startsWith("\uFEFFdetected_at,")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(4);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain("Sjögren");
  });

  it("writes ISO dates and the evidence (URL, fetched-at, sha256) on every row", () => {
    const row = csv.split("\r\n")[1]!;
    expect(row.startsWith("2026-05-01T12:00:00.000Z,2018-10-01,icd10cm,icd10cm,E119,revised,code,,")).toBe(
      true,
    );
    expect(row).toContain("https://www.cms.gov/files/zip/2019-code-descriptions-tabular-order.zip");
    expect(row).toContain("2026-05-01T11:59:00.000Z");
    expect(row).toContain("a".repeat(64));
    expect(row).toContain("long: old title");
  });

  it("neutralises formula cells in codes and titles", () => {
    const row = csv.split("\r\n")[2]!;
    expect(row).toContain(",'-E11,");
    expect(row).toContain(",'=cmd|' /C calc'!A0,");
  });
});
