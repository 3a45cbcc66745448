import { describe, expect, it } from "vitest";
import { fieldsOf, keyOf } from "#shared/core/snapshot.js";
import { cmsTransmittals } from "#shared/sources/cms-transmittals.js";
import { fixtureBytes } from "../documents/document-fixtures.js";
import { recordedFetch } from "./recorded-fetch.js";

const T = "https://www.cms.gov/medicare/regulations-guidance/transmittals";
const NOW = new Date("2026-08-25T12:00:00Z");
// Landing page and listings are constructed (test/fixtures/cms-transmittals/README.md); R13924CP's page is real.
const earlier = {
  [T]: fixtureBytes("cms-transmittals/transmittals-page.constructed.html"),
  [`${T}/2026-transmittals`]: fixtureBytes("cms-transmittals/listing-2026.earlier.constructed.html"),
  [`${T}/2026-transmittals/r13924cp`]: fixtureBytes(
    "cms-transmittals/cms_transmittal_r13924cp.main.excerpt.html",
  ),
};
const later = {
  ...earlier,
  [`${T}/2026-transmittals`]: fixtureBytes("cms-transmittals/listing-2026.constructed.html"),
  [`${T}/2026-transmittals/r99901cp`]: fixtureBytes("cms-transmittals/r99901cp.constructed.html"),
};

describe("CMS transmittals collector", () => {
  it("reads the newest year listing and each transmittal's detail page into one line", async () => {
    const fetch = recordedFetch(earlier);
    const { snapshot, responses } = await cmsTransmittals.gather({ now: NOW, fetch, known: new Set() });
    expect(responses.map((response) => response.url)).toEqual([
      `${T}/2026-transmittals`,
      T,
      `${T}/2026-transmittals/r13924cp`,
    ]);
    expect(snapshot.lines).toHaveLength(1);
    const values = Object.fromEntries(
      cmsTransmittals.rules.fields.map((field, i) => [field, fieldsOf(snapshot.lines[0]!)[i]]),
    );
    expect(keyOf(snapshot.lines[0]!)).toBe("R13924CP");
    expect(values).toEqual({
      title:
        "Update to Hospice Payment Rates, Hospice Cap, Hospice Wage Index and Hospice Pricer for Fiscal Year (FY) 2027",
      issue_date: "2026-08-18",
      implementation_date: "2026-10-05",
      cr_number: "14557",
      manual: "100-04",
      provider_education: "MLN Matters Article MM14557",
      pdfs: "https://www.cms.gov/files/document/r13924cp.pdf https://www.cms.gov/files/document/mm14557-hospice-payments-fy-2027-update.pdf",
      url: `${T}/2026-transmittals/r13924cp`,
      topics: "hospice",
      codes: "",
    });
  });

  it("reads detail pages of new transmittals only, keeping a known one's line as it was", async () => {
    const first = await cmsTransmittals.gather({ now: NOW, fetch: recordedFetch(earlier), known: new Set() });
    const fetch = recordedFetch(later);
    const { snapshot } = await cmsTransmittals.gather({
      now: NOW,
      fetch,
      known: new Set(["R13924CP"]),
      previous: first.snapshot,
    });
    expect(fetch.asked.map((request) => request.url)).not.toContain(`${T}/2026-transmittals/r13924cp`);
    expect(fetch.asked.map((request) => request.url)).toContain(`${T}/2026-transmittals/r99901cp`);
    expect(snapshot.lines.map(keyOf)).toEqual(["R13924CP", "R99901CP"]);
    expect(snapshot.lines[0]).toBe(first.snapshot.lines[0]);
    const added = fieldsOf(snapshot.lines[1]!);
    expect(added[cmsTransmittals.rules.fields.indexOf("codes")]).toBe("99453 99454");
    expect(added[cmsTransmittals.rules.fields.indexOf("topics")]).toBe("cpt ncci telehealth");
  });

  it("asks for HTML, so a JSON or binary answer fails before parsing", async () => {
    const fetch = recordedFetch(earlier);
    await cmsTransmittals.gather({ now: NOW, fetch, known: new Set() });
    expect(fetch.asked.every((request) => request.expect === "html")).toBe(true);
  });
});
