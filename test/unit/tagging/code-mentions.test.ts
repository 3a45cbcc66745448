import { describe, expect, it } from "vitest";
import { parseTransmittalPage } from "#shared/documents/cms-transmittal-page.js";
import { parseFederalRegisterPage } from "#shared/documents/federal-register-listing.js";
import { parseWorkPlanExport } from "#shared/documents/oig-workplan-export.js";
import { codeMentions } from "#shared/tagging/code-mentions.js";
import { fixtureBytes, fixtureText } from "../documents/document-fixtures.js";

const codes = (text: string, known?: Parameters<typeof codeMentions>[1]) =>
  codeMentions(text, known).map((mention) => `${mention.system}:${mention.code}`);

describe("code mentions", () => {
  it("finds CPT codes said to be codes, Category III and PLA codes, HCPCS and dotted ICD-10-CM codes", () => {
    expect(
      codes(
        "Revalues CPT codes 99213 and 99214, adds 0345T and 0001U, HCPCS G2211; diagnosis E11.9 and R13.10.",
      ),
    ).toEqual([
      "cpt:99213",
      "cpt:99214",
      "cpt:0345T",
      "cpt:0001U",
      "hcpcs:G2211",
      "icd10cm:E119",
      "icd10cm:R1310",
    ]);
  });

  it("reads an undotted ICD-10-CM code only with ICD-10 context, otherwise a letter and four digits is HCPCS", () => {
    expect(codes("ICD-10-CM code E119 is billable")).toEqual(["icd10cm:E119"]);
    expect(codes("Report E119 on the claim")).toEqual([]);
    expect(codes("Oxygen concentrator E1390 is covered")).toEqual(["hcpcs:E1390"]);
  });

  it("does not take a bare five-digit number, a ZIP code, a change request or a page number for a CPT code", () => {
    expect(codes("Mail comments to Baltimore, MD 21244-8013 or 20201.")).toEqual([]);
    expect(codes("Billing codes are listed in CR 14557 and on page 49570.")).toEqual([]);
    expect(codes("The 2027 rate is 12345 dollars")).toEqual([]);
  });

  it("never reads a code inside a transmittal, docket, work plan or report number", () => {
    expect(
      codes("Codes: R13924CP, CMS-1849-F, W-00-24-35862, A-01-21-00501, MM14557, OEI-09-24-00290"),
    ).toEqual([]);
  });

  it("keeps only codes in the known set where one is supplied", () => {
    const known = { hcpcs: new Set(["G2211"]), cpt: new Set(["99213"]) };
    expect(codes("HCPCS G2211 and G9999; CPT code 99213 and 99999", known)).toEqual([
      "hcpcs:G2211",
      "cpt:99213",
    ]);
    // A set can also vouch for a number that has no coding context.
    expect(codes("Bill 99213 with modifier 25", known)).toEqual(["cpt:99213"]);
  });

  it("finds no codes in the real Federal Register titles, dockets and citations", () => {
    const page = parseFederalRegisterPage(fixtureBytes("federal-register/documents-cms-pfs-page1.json"));
    const text = page.documents
      .flatMap((document) => [
        document.title,
        document.citation,
        ...document.docketIds,
        ...document.cfrReferences,
      ])
      .join("\n");
    expect(codes(text)).toEqual([]);
  });

  it("finds no codes in the real transmittal page, whose CR and MLN Matters numbers are five digits", () => {
    const page = parseTransmittalPage(
      fixtureText("cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html"),
      "https://www.cms.gov/medicare/regulations-guidance/transmittals/2026-transmittals/r13924cp",
    );
    const text = [page.number, page.subject, page.crNumber, page.providerEducation, page.manualPublication]
      .concat(page.downloads.map((download) => `${download.label} ${download.url}`))
      .join("\n");
    expect(codes(text)).toEqual([]);
  });

  it("finds no codes in the real OIG Work Plan records, full of numbers, dollar amounts and fiscal years", () => {
    const items = parseWorkPlanExport(fixtureBytes("oig-workplan/export-workplan.excerpt.csv"));
    const text = items.flatMap((item) => Object.values(item)).join("\n");
    expect(codes(text)).toEqual([]);
  });
});
