import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cdcReleasesOf, cdcYearFolders, readCdcListing } from "#shared/publishers/cdc-ftp-listing.js";
import { hcpcsReleasesOf } from "#shared/publishers/hcpcs-quarter-links.js";
import { icd10ReleasesOf, yearPagesOf } from "#shared/publishers/icd10-release-links.js";
import { readPageLinks } from "#shared/publishers/page-links.js";

const CMS = "https://www.cms.gov";
const ICD10_PAGE = `${CMS}/medicare/coding-billing/icd-10-codes`;
const CDC = "https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/";
const page = (name: string) =>
  readFileSync(new URL(`../../fixtures/publishers/${name}`, import.meta.url), "utf8");
const listing = (name: string) =>
  readFileSync(new URL(`../../fixtures/cdc-ftp/${name}`, import.meta.url), "utf8");
/** The releases a constructed CMS year page lists, as version → file name. */
const releasesOn = (file: string, system: "icd10cm" | "icd10pcs", fiscalYear: number) =>
  Object.fromEntries(
    icd10ReleasesOf(system, readPageLinks(page(file), `${ICD10_PAGE}/x`).links, { fiscalYear }).map(
      (release) => [
        release.version,
        decodeURIComponent(new URL(release.url).pathname).replace(/^\/files\/zip\/|^.*\/Downloads\//, ""),
      ],
    ),
  );

describe("a publisher's page, link by link", () => {
  it("skips a malformed link and says so, keeping every other link", () => {
    const { links, skipped } = readPageLinks(page("cms-icd-10-codes.constructed.html"), ICD10_PAGE);
    expect(skipped).toEqual([
      { page: ICD10_PAGE, href: "javascript:void(0)", reason: "not a web address (javascript:)" },
      { page: ICD10_PAGE, href: "https://[broken", reason: "not a valid address" },
    ]);
    expect(links.some((link) => link.text === "2026 ICD-10-CM")).toBe(true);
  });
});

describe("CMS's ICD-10 page and its year pages (constructed, with CMS's real file names)", () => {
  it("finds the year page of each fiscal year and system, whatever the page calls it", () => {
    const years = yearPagesOf(readPageLinks(page("cms-icd-10-codes.constructed.html"), ICD10_PAGE).links);
    expect(years.map((year) => `${year.system} ${year.fiscalYear}`)).toEqual([
      "icd10cm 2026",
      "icd10pcs 2026",
      "icd10cm 2025",
      "icd10pcs 2025",
      "icd10cm 2024",
      "icd10pcs 2024",
      "icd10pcs 2022",
      "icd10cm 2021",
      "icd10cm 2020",
    ]);
    expect(years.at(-1)?.url).toBe(`${CMS}/Medicare/Coding/ICD10/2020-ICD-10-CM`);
  });

  it.each([
    [
      "cms-2026-icd-10-cm.constructed.html",
      "icd10cm",
      2026,
      {
        FY2026: "2026-code-descriptions-tabular-order.zip",
        "FY2026, updated 2026-01-01": "2026-code-descriptions-tabular-order-updated-01012026.zip",
      },
    ],
    [
      "cms-2025-icd-10-cm.constructed.html",
      "icd10cm",
      2025,
      {
        FY2025: "2025-code-descriptions-tabular-order.zip",
        "FY2025 April 1 update": "april-1-2025-code-descriptions-tabular-order.zip",
      },
    ],
    [
      "cms-2024-icd-10-cm.constructed.html",
      "icd10cm",
      2024,
      {
        "FY2024, updated 2024-02-01": "2024-code-descriptions-tabular-order-updated-02/01/2024.zip",
        "FY2024, updated 2024-01-11": "2024-code-descriptions-tabular-order-updated-01112024.zip",
        FY2024: "2024-code-descriptions-tabular-order.zip",
        "FY2024 April 1 update": "april-1-2024-code-descriptions-tabular-order.zip",
      },
    ],
    [
      "cms-2021-icd-10-cm.constructed.html",
      "icd10cm",
      2021,
      {
        FY2021: "2021-code-descriptions-tabular-order.zip",
        "FY2021, updated 2020-12-16": "2021-code-descriptions-tabular-order-updated-12162020.zip",
      },
    ],
    ["cms-2020-icd-10-cm.constructed.html", "icd10cm", 2020, { FY2020: "2020-ICD-10-CM-Codes.zip" }],
    [
      "cms-2026-icd-10-pcs.constructed.html",
      "icd10pcs",
      2026,
      {
        FY2026: "2026-icd-10-pcs-order-file-long-and-abbreviated-titles.zip",
      },
    ],
    [
      "cms-2024-icd-10-pcs.constructed.html",
      "icd10pcs",
      2024,
      {
        FY2024: "2024-icd-10-pcs-order-file-long-and-abbreviated-titles.zip",
        "FY2024, updated 2023-12-19":
          "2024-icd-10-pcs-order-file-long-and-abbreviated-titles-updated-12/19/2023.zip",
      },
    ],
    [
      "cms-2022-icd-10-pcs.constructed.html",
      "icd10pcs",
      2022,
      {
        FY2022: "2022-icd-10-pcs-order-file-long-and-abbreviated-titles.zip",
        "FY2022, updated 2021-12-01":
          "2022-icd-10-pcs-order-file-long-and-abbreviated-titles-updated-december-1-2021.zip",
        "FY2022, errata 2022-01-12": "errata-january-12-2022.zip",
      },
    ],
  ] as const)(
    "%s lists only the order files, each issue its own version",
    (file, system, fiscalYear, expected) => {
      expect(releasesOn(file, system, fiscalYear)).toEqual(expected);
    },
  );

  it("never takes one system's files for the other's", () => {
    expect(releasesOn("cms-2026-icd-10-pcs.constructed.html", "icd10cm", 2026)).toEqual({});
    expect(releasesOn("cms-2026-icd-10-cm.constructed.html", "icd10pcs", 2026)).toEqual({});
  });
});

describe("CDC/NCHS's FTP listings (real, verbatim)", () => {
  it("finds the fiscal-year folders of the root listing, April updates included", () => {
    const folders = cdcYearFolders(readCdcListing(listing("ICD10CM-root.index.html"), CDC).links);
    const named = folders.map((folder) => `${folder.fiscalYear}${folder.april ? " April" : ""}`);
    expect(named).toEqual(
      expect.arrayContaining(["2024", "2024 April", "2025", "2025 April", "2026", "2023 April"]),
    );
    expect(named).not.toContain("CM- Committee");
  });

  it.each([
    ["ICD10CM-2024.index.html", "2024/", 2024, false, "FY2024", "icd10cm-CodesDescriptions-2024.zip"],
    [
      "ICD10CM-2024-Update.index.html",
      "2024-Update/",
      2024,
      true,
      "FY2024 April 1 update",
      "icd10cm-Codes-Descriptions-April-2024.zip",
    ],
    ["ICD10CM-2025.index.html", "2025/", 2025, false, "FY2025", "ICD10-CM Code Descriptions 2025.zip"],
    [
      "ICD10CM-2025-Update.index.html",
      "2025-Update/",
      2025,
      true,
      "FY2025 April 1 update",
      "Code-desciptions-April-2025.zip",
    ],
    ["ICD10CM-2026.index.html", "2026/", 2026, false, "FY2026", "icd10cm-Code Descriptions-2026.zip"],
  ])(
    "%s holds one code-descriptions release: the zip, not the addenda, tables, drugs or presentations",
    (file, folder, fiscalYear, april, version, zip) => {
      const url = `${CDC}${folder}`;
      const releases = cdcReleasesOf({ fiscalYear, april, url }, readCdcListing(listing(file), url).links);
      expect(
        releases.map((release) => [release.version, decodeURIComponent(release.url.split("/").pop()!)]),
      ).toEqual([[version, zip]]);
    },
  );
});

describe("CMS's HCPCS quarterly-update page (constructed)", () => {
  it("lists each quarter's alpha-numeric file and its re-issues, never the record layout", () => {
    const url = `${CMS}/medicare/coding-billing/healthcare-common-procedure-system/quarterly-update`;
    const { links, skipped } = readPageLinks(page("cms-hcpcs-quarterly-update.constructed.html"), url);
    expect(skipped).toHaveLength(1);
    expect(hcpcsReleasesOf(links).map((release) => [release.version, release.effectiveDate])).toEqual([
      ["HCPCS 2026 Q1", "2026-01-01"],
      ["HCPCS 2026 Q1, updated 2026-01-15", "2026-01-15"],
      ["HCPCS 2025 Q4", "2025-10-01"],
      ["HCPCS 2025 Q3", "2025-07-01"],
      ["HCPCS 2025 Q2, updated 2025-03-28", "2025-04-01"],
      ["HCPCS 2025 Q2", "2025-04-01"],
    ]);
  });

  it("reads the older annual file as January's", () => {
    const html = `<ul>
      <li><a href="/Medicare/Coding/HCPCSReleaseCodeSets/Downloads/2018-Alpha-Numeric-HCPCS-File.zip">2018 Alpha-Numeric HCPCS File</a></li>
      <li><a href="/files/zip/october-2017-alpha-numeric-hcpcs-file.zip">October 2017 Alpha-Numeric HCPCS File</a></li>
      <li><a href="/Medicare/Coding/HCPCSReleaseCodeSets/Downloads/2017-Alpha-Numeric-HCPCS-File.zip">2017 Alpha-Numeric HCPCS File</a></li>
    </ul>`;
    const links = readPageLinks(html, `${CMS}/x`).links;
    expect(hcpcsReleasesOf(links).map((release) => release.version)).toEqual([
      "HCPCS 2018 Q1",
      "HCPCS 2017 Q4",
      "HCPCS 2017 Q1",
    ]);
  });
});
