import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { parseTransmittalPage } from "#shared/documents/cms-transmittal-page.js";
import { fixtureText } from "./document-fixtures.js";

const PAGE_URL = "https://www.cms.gov/medicare/regulations-guidance/transmittals/2026-transmittals/r13924cp";
const realPage = () =>
  parseTransmittalPage(fixtureText("cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html"), PAGE_URL);

describe("CMS transmittal detail page", () => {
  it("reads the real R13924CP page's Drupal fields", () => {
    expect(realPage()).toEqual({
      number: "R13924CP",
      subject:
        "Update to Hospice Payment Rates, Hospice Cap, Hospice Wage Index and Hospice Pricer for Fiscal Year (FY) 2027",
      issueDate: "2026-08-18",
      implementationDate: "2026-10-05",
      crNumber: "14557",
      providerEducation: "MLN Matters Article MM14557",
      manualPublication: "100-04",
      downloads: [
        { url: "https://www.cms.gov/files/document/r13924cp.pdf", label: "R13924CP" },
        {
          url: "https://www.cms.gov/files/document/mm14557-hospice-payments-fy-2027-update.pdf",
          label: "MM14557 - Hospice Payments: FY 2027 Update",
        },
      ],
    });
  });

  it("ignores the page's menus and head: only the dyna fields count", () => {
    const head = fixtureText("cms-transmittals/cms_transmittal_r13924cp.head.excerpt.html");
    const main = fixtureText("cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html");
    const menu = '<nav><a href="/files/document/menu.pdf">Menu PDF</a> Transmittal # R1 Issue Date</nav>';
    expect(parseTransmittalPage(`${head}${menu}${main}`, PAGE_URL)).toEqual(realPage());
  });

  it("reads machine-readable <time datetime> and US-style dates", () => {
    const page = parseTransmittalPage(
      `<div class="field--name-field-dyna-transmittal-number"><div class="field__item">r1p</div></div>
       <div class="field--name-field-dyna-issue-date"><div class="field__item"><time datetime="2026-08-18T12:00:00Z">August 18, 2026</time></div></div>
       <div class="field--name-field-dyna-implementation-date"><div class="field__item">10/5/2026</div></div>`,
      PAGE_URL,
    );
    expect(page).toMatchObject({ number: "R1P", issueDate: "2026-08-18", implementationDate: "2026-10-05" });
  });

  it("fails on a page whose layout changed (no transmittal number field) instead of reading an empty record", () => {
    const restyled = fixtureText("cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html").replaceAll(
      "field--name-field-dyna-",
      "cms-transmittal__",
    );
    expect(() => parseTransmittalPage(restyled, PAGE_URL)).toThrow(ParseError);
    expect(() => parseTransmittalPage(restyled, PAGE_URL)).toThrow(/layout changed/);
  });

  it("fails on a date it cannot read rather than storing it garbled", () => {
    const odd = fixtureText("cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html").replace(
      "2026-10-05",
      "early October",
    );
    expect(() => parseTransmittalPage(odd, PAGE_URL)).toThrow(
      /implementation-date: unreadable date "early October"/,
    );
  });
});
