import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PTP_PAGE } from "#shared/sources/ncci-ptp.js";
import { MEDICAID_PTP_PAGE, ncciPtpMedicaidPractitioner } from "#shared/sources/ncci-ptp-medicaid.js";
import type { FetchDocument } from "#shared/sources/source.js";

// Derived from the recorded Medicare page (test/fixtures/PROVENANCE.md): Medicaid file names.
const PAGE = readFileSync(
  fileURLToPath(new URL("../../fixtures/ncci/medicaid_ncci_ptp_page.links.derived.html", import.meta.url)),
  "utf8",
);

describe("Medicaid NCCI practitioner PTP edits", () => {
  it("discovers the newest version's parts on the Medicaid page, never Medicare's, through the licence page", async () => {
    const requested: string[] = [];
    const fetch: FetchDocument = async ({ url }) => {
      requested.push(url);
      const file = new URL(url).searchParams.get("file");
      const html = url === MEDICAID_PTP_PAGE ? PAGE : `<a href="${file}">I Accept</a>`;
      return { url, fetchedAt: "", bytes: Buffer.from(html), sha256: "" };
    };
    const [release, ...others] = await ncciPtpMedicaidPractitioner.candidates(new Date(), {
      fetchText: fetch,
    });
    expect(others).toHaveLength(0);
    expect(release).toMatchObject({ version: "v322r0", effectiveDate: "2026-07-01" });
    expect(release!.files.map((file) => file.url)).toEqual(
      [1, 2, 3, 4].map(
        (part) =>
          `https://www.cms.gov/files/zip/medicaid-ncci-2026q3-practitioner-ptp-edits-v322r0-f${part}.zip`,
      ),
    );
    expect(requested).toContain(MEDICAID_PTP_PAGE);
    expect(requested).not.toContain(PTP_PAGE);
  });
});
