import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { acceptedFileUrl, acceptTarget } from "#shared/ncci/ama-license.js";
import { parseNcciLinks } from "#shared/ncci/ncci-page.js";
import { ncciPtpPractitioner, PTP_PAGE } from "#shared/sources/ncci-ptp.js";
import type { FetchDocument } from "#shared/sources/source.js";

const PAGE = readFileSync(
  fileURLToPath(new URL("../../fixtures/ncci/ncci_ptp_page.links.excerpt.html", import.meta.url)),
  "utf8",
);
const LICENSE = `<html><body><h1>AMA License</h1><p>End user point and click agreement…</p>
<a href="/files/zip/medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip" class="btn">Accept</a>
<a href="/medicare/coding-billing/ncci" class="btn">Do Not Accept</a></body></html>`;

describe("NCCI PTP page links (real excerpt)", () => {
  it("skips one malformed link and says why, keeping every other link of the page", () => {
    // The same page with one more table link whose address is broken, as a CMS edit once left it.
    const broken = `${PAGE}\n<a href="http://">Practitioner PTP Edits v322r0 (1,000 Records) 0001A/0001A -- 0001A/0001A</a>\n`;
    const skipped: { text: string; href: string; why: string }[] = [];
    const links = parseNcciLinks(broken, PTP_PAGE, (link) => skipped.push(link));
    expect(links).toEqual(parseNcciLinks(PAGE, PTP_PAGE));
    expect(skipped).toEqual([
      {
        text: "Practitioner PTP Edits v322r0 (1,000 Records) 0001A/0001A -- 0001A/0001A",
        href: "http://",
        why: "not a valid address",
      },
    ]);
  });

  it("ignores a malformed address on a link that names no table (menus, footers)", () => {
    const menu = `${PAGE}\n<a href="http://">Contact us</a>\n`;
    expect(parseNcciLinks(menu, PTP_PAGE)).toEqual(parseNcciLinks(PAGE, PTP_PAGE));
  });

  it("reads version, record count, code range, part and quarter from each link", () => {
    const links = parseNcciLinks(PAGE, PTP_PAGE);
    expect(links).toHaveLength(8);
    expect(links[0]).toMatchObject({
      href: "https://www.cms.gov/license/ama?file=/files/zip/medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip",
      table: "Practitioner PTP Edits",
      version: "v322r0",
      records: 675_037,
      codeRange: "0001A/0591T -- 25441/G0471",
      part: 1,
      effectiveDate: "2026-07-01",
    });
    expect(links[7]).toMatchObject({
      version: "v321r0",
      records: 606_146,
      part: 4,
      effectiveDate: "2026-04-01",
    });
  });
});

describe("AMA licence click-through", () => {
  it("follows the Accept link, not Do Not Accept", () => {
    expect(acceptTarget(LICENSE, "https://www.cms.gov/license/ama?file=/files/zip/x.zip")).toBe(
      "https://www.cms.gov/files/zip/medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip",
    );
  });

  it("submits a GET form whose button is Accept, with its fields", () => {
    const form = `<form action="/license/ama/accept" method="get"><input type="hidden" name="file" value="/files/zip/x.zip"><button type="submit" name="op" value="accept">I Accept</button></form>`;
    expect(acceptTarget(form, "https://www.cms.gov/license/ama?file=/files/zip/x.zip")).toBe(
      "https://www.cms.gov/license/ama/accept?file=%2Ffiles%2Fzip%2Fx.zip&op=accept",
    );
  });

  it("fails when the licence page has no Accept control", () => {
    expect(() => acceptTarget("<p>Access denied</p>", "https://www.cms.gov/license/ama")).toThrow(
      /no Accept/,
    );
  });

  it("discovers the newest version's four parts with their announced counts, through the licence page", async () => {
    const requested: string[] = [];
    const fetch: FetchDocument = async ({ url }) => {
      requested.push(url);
      const file = new URL(url).searchParams.get("file");
      const html = url === PTP_PAGE ? PAGE : LICENSE.replace(/href="\/files[^"]+"/, `href="${file}"`);
      return { url, fetchedAt: "", bytes: Buffer.from(html), sha256: "" };
    };
    const [release, ...others] = await ncciPtpPractitioner.candidates(new Date(), { fetchText: fetch });
    expect(others).toHaveLength(0);
    expect(release).toMatchObject({ version: "v322r0", effectiveDate: "2026-07-01" });
    expect(
      release!.files.map((f) => [
        f.url.split("/").pop(),
        (f as { announcedRecords?: number }).announcedRecords,
      ]),
    ).toEqual([
      ["medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f1.zip", 675_037],
      ["medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f2.zip", 675_235],
      ["medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f3.zip", 674_890],
      ["medicare-ncci-2026q3-practitioner-ptp-edits-ccipra-v322r0-f4.zip", 608_227],
    ]);
    expect(requested.filter((url) => url.includes("/license/ama"))).toHaveLength(4);
    expect(await acceptedFileUrl("https://www.cms.gov/files/zip/x.zip", fetch)).toBe(
      "https://www.cms.gov/files/zip/x.zip",
    );
  });

  it("a malformed link on the page leaves the source's discovery working, and the run is told", async () => {
    const broken = `${PAGE}\n<a href="http://">Practitioner PTP Edits v322r0 (1 Records)</a>\n`;
    const fetch: FetchDocument = async ({ url }) => {
      const file = new URL(url).searchParams.get("file");
      const html = url === PTP_PAGE ? broken : LICENSE.replace(/href="\/files[^"]+"/, `href="${file}"`);
      return { url, fetchedAt: "", bytes: Buffer.from(html), sha256: "" };
    };
    const warnings: string[] = [];
    const [release] = await ncciPtpPractitioner.candidates(new Date(), {
      fetchText: fetch,
      warn: (message) => warnings.push(message),
    });
    expect(release).toMatchObject({ version: "v322r0" });
    expect(release!.files).toHaveLength(4);
    expect(warnings).toEqual([
      `${PTP_PAGE}: skipped the link "Practitioner PTP Edits v322r0 (1 Records)" (http://): not a valid address`,
    ]);
  });
});
