import { describe, expect, it } from "vitest";
import type { ChangeSearch } from "#shared/api/changes/change-search.js";
import { createRouter } from "#shared/api/http/router.js";
import { changeRoutes } from "#shared/api/routes/change-routes.js";
import { changeLogCsv } from "#shared/changes/change-log-csv.js";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { changesText } from "#shared/cli/changes-command.js";

const revised: ChangeRecord = {
  id: "icd10cm|2018-10-01#FY2019#abc|revised|E119",
  sourceId: "icd10cm",
  system: "icd10cm",
  systemLabel: "ICD-10-CM",
  family: "icd10cm",
  displayCode: "E11.9",
  key: "E119",
  codeRef: "icd10cm#E119",
  changeType: "revised",
  category: "code",
  title: 'Type 2 diabetes, "without" complications, Sjögren',
  fields: [
    { field: "shortTitle", before: "old short", after: "new short" },
    { field: "longTitle", before: "old title", after: "new title" },
  ],
  before: { valid: "1", shortTitle: "old short", longTitle: "old title" },
  after: { valid: "1", shortTitle: "new short", longTitle: "new title" },
  version: "FY2019",
  releaseKey: "2018-10-01#FY2019#abc",
  previousVersion: "FY2018",
  effectiveDate: "2018-10-01",
  detectedAt: "2026-05-01T12:00:00.000Z",
  detectedDay: "2026-05-01",
  history: false,
  evidence: {
    url: "https://www.cms.gov/files/zip/2019-code-descriptions-tabular-order.zip",
    fetchedAt: "2026-05-01T11:59:00.000Z",
    sha256: "a".repeat(64),
    archiveKey: `raw/icd10cm/${"a".repeat(64)}`,
  },
  runId: "run-1",
};
const pair: ChangeRecord = {
  ...revised,
  id: "ncci-ptp|k|added|0001U|0002U",
  sourceId: "ncci-ptp-practitioner",
  system: "ncci-ptp",
  systemLabel: "NCCI procedure-to-procedure edits",
  family: "hcpcs",
  displayCode: "0001U + 0002U",
  key: "0001U|0002U",
  codeRef: "ncci-ptp#0001U",
  pairedCodeRef: "ncci-ptp#0002U",
  changeType: "added",
  title: "=cmd|' /C calc'!A0",
  fields: [],
  before: undefined,
  after: { modifier: "1" },
};
const rule: ChangeRecord = {
  ...revised,
  id: "federal-register|k|added|2026-14567",
  sourceId: "federal-register",
  system: "federal-register",
  systemLabel: "Federal Register (CMS rules)",
  family: undefined,
  displayCode: "2026-14567",
  key: "2026-14567",
  codeRef: "federal-register#2026-14567",
  changeType: "added",
  title: "Medicare Program; CY 2027 Payment Policies under the Physician Fee Schedule",
  fields: [],
  before: undefined,
  after: undefined,
  effectiveDate: "2027-01-01",
  document: {
    type: "Proposed rule",
    dateLabel: "effective",
    commentsCloseOn: "2026-09-10",
    officialUrl: "https://www.federalregister.gov/d/2026-14567",
  },
};
const changes = [revised, pair, rule];

async function apiExport(records: readonly ChangeRecord[]): Promise<Buffer> {
  const search = { all: async () => [...records] } as unknown as ChangeSearch;
  const api = createRouter(
    changeRoutes({
      changes: search,
      now: () => new Date("2026-05-02T00:00:00Z"),
    } as Parameters<typeof changeRoutes>[0]),
    { authenticate: () => ({ subject: "test" }) },
  );
  const response = await api({
    method: "GET",
    path: "/changes/export",
    query: { format: "csv" },
    headers: {},
  });
  expect(response.status).toBe(200);
  return Buffer.from(response.body);
}

describe("change log CSV", () => {
  const rows = changeLogCsv(changes).slice(1).split("\r\n");

  it("is the same bytes from the API export and from `codecurrent changes --format csv`", async () => {
    const cli = Buffer.from(await changesText(changes, "csv"), "utf8");
    expect((await apiExport(changes)).equals(cli)).toBe(true);
  });

  it("names the columns once: the raw key and the code as coders write it, no storage internals", () => {
    expect(rows[0]).toBe(
      "detected_at,effective_date,source,system,code,display_code,change,category,reason,title,changed_fields,before,after,version,previous_version,history,paired_code,evidence_url,evidence_fetched_at,evidence_sha256,document_type,document,comments_close_on,official_url",
    );
    expect(changeLogCsv(changes)).not.toContain("raw/icd10cm/");
    expect(changeLogCsv(changes)).not.toContain("run-1");
  });

  it("writes ISO dates, what changed, and the evidence on every row", () => {
    expect(rows[1]).toBe(
      `2026-05-01T12:00:00.000Z,2018-10-01,icd10cm,icd10cm,E119,E11.9,revised,code,,"Type 2 diabetes, ""without"" complications, Sjögren","shortTitle; longTitle",valid: 1 | shortTitle: old short | longTitle: old title,valid: 1 | shortTitle: new short | longTitle: new title,FY2019,FY2018,false,,https://www.cms.gov/files/zip/2019-code-descriptions-tabular-order.zip,2026-05-01T11:59:00.000Z,${"a".repeat(64)},,,,`,
    );
  });

  it("says what a changed document is: its type, its dates in one line, its comment deadline and page", () => {
    expect(rows[3]).toMatch(
      /,Proposed rule,Proposed rule · effective 2027-01-01 · comments until 2026-09-10,2026-09-10,https:\/\/www\.federalregister\.gov\/d\/2026-14567$/,
    );
  });

  it("neutralises a formula in a title and names an edit's second code", () => {
    expect(rows[2]).toContain(",ncci-ptp,0001U|0002U,0001U + 0002U,added,code,,'=cmd|' /C calc'!A0,,,");
    expect(rows[2]).toContain(",false,0002U,");
  });
});
