import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { parseTransmittalListing } from "#shared/documents/cms-transmittal-listing.js";
import { transmittalYearListings } from "#shared/documents/cms-transmittal-years.js";
import { fixtureText } from "./document-fixtures.js";

const TRANSMITTALS = "https://www.cms.gov/medicare/regulations-guidance/transmittals";
const LISTING = `${TRANSMITTALS}/2026-transmittals`;

// The landing page and listings are constructed in an assumed layout (test/fixtures/cms-transmittals/README.md).
describe("CMS transmittal listings", () => {
  it("finds the year listings on the transmittals page, newest first", () => {
    const years = transmittalYearListings(
      fixtureText("cms-transmittals/transmittals-page.constructed.html"),
      TRANSMITTALS,
    );
    expect(years.map((year) => year.year)).toEqual([2026, 2025, 2024]);
    expect(years[0]!.url).toBe(LISTING);
  });

  it("reads each listed transmittal's number and detail page, and its row's columns by header", () => {
    const listed = parseTransmittalListing(
      fixtureText("cms-transmittals/listing-2026.constructed.html"),
      LISTING,
    );
    expect(listed.map((row) => row.number)).toEqual(["R99901CP", "R13924CP"]);
    expect(listed[1]).toEqual({
      number: "R13924CP",
      url: `${LISTING}/r13924cp`,
      issueDate: "2026-08-18",
      subject:
        "Update to Hospice Payment Rates, Hospice Cap, Hospice Wage Index and Hospice Pricer for Fiscal Year (FY) 2027",
    });
  });

  it("also reads detail links outside a table, numbering them from the link", () => {
    const listed = parseTransmittalListing(
      '<ul><li><a href="/medicare/regulations-guidance/transmittals/2026-transmittals/r13924cp">Hospice FY 2027</a></li></ul>',
      LISTING,
    );
    expect(listed).toEqual([{ number: "R13924CP", url: `${LISTING}/r13924cp` }]);
  });

  it("fails when a listing has no detail links (layout changed), never reading it as no transmittals", () => {
    const restyled = '<main><div class="card" data-href="r13924cp">R13924CP</div></main>';
    expect(() => parseTransmittalListing(restyled, LISTING)).toThrow(ParseError);
    expect(() => transmittalYearListings("<main>Transmittals</main>", TRANSMITTALS)).toThrow(
      /no links to year listings/,
    );
  });
});
