import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SourceFetchError } from "#shared/http/source-fetch-error.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { CDC_ICD10CM_LISTING, CMS_ICD10_PAGE } from "#shared/sources/icd10-discovery.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { icd10pcs } from "#shared/sources/icd10pcs.js";
import type { DocumentRequest, FetchDocument } from "#shared/sources/source.js";
import { isCodeSet } from "#shared/sources/source.js";
import { recordedFetch } from "./recorded-fetch.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = path.join(ROOT, "test/fixtures");
const manifest = loadReplayManifest(FIXTURES);
const fixture = (relative: string) => {
  const bytes = readFileSync(path.join(FIXTURES, relative));
  return relative.endsWith(".gz") ? gunzipSync(bytes) : bytes;
};
/** The publishers as the replay mirror serves them: the manifest's recorded pages, nothing else. */
const recordedPages = () =>
  recordedFetch(Object.fromEntries(manifest.pages.map((page) => [page.url, fixture(page.fixture)])));
const discovering = SOURCE_CATALOG.filter(isCodeSet).filter((source) => source.discover);
const now = new Date("2026-08-25T12:00:00Z");

describe("releases are found only on the publishers' own pages", () => {
  it("the code-set sources that discover their releases are ICD-10-CM, ICD-10-PCS and HCPCS", () => {
    expect(discovering.map((source) => source.id)).toEqual(["icd10cm", "icd10pcs", "hcpcs"]);
  });

  it.each(discovering.map((source) => [source.id, source] as const))(
    "%s: replay finds exactly the recorded releases through the recorded pages, oldest first",
    async (id, source) => {
      const found = await source.discover!(now, { fetchText: recordedPages() });
      const recorded = manifest.sources[id] ?? [];
      expect(
        found.releases.map((release) => [release.version, release.effectiveDate, release.files[0]?.url]),
      ).toEqual(recorded.map((release) => [release.version, release.effectiveDate, release.url]));
      expect(found.pagesRead.every((page) => page.outcome === "read")).toBe(true);
    },
  );

  it("no code-set source builds a file's address: no /files/zip/, /Downloads/ or .zip in its code", () => {
    const folder = path.join(ROOT, "shared/sources");
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
      const code = readFileSync(path.join(folder, file), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "");
      expect(code, `${file} builds a publisher file address`).not.toMatch(
        /files\/zip|\/Downloads\/|\.zip\b/i,
      );
    }
  });

  it("reports a malformed link of a page as skipped, and reads the rest", async () => {
    const found = await icd10cm.discover!(now, { fetchText: recordedPages() });
    expect(found.skippedLinks).toEqual([
      { page: CMS_ICD10_PAGE, href: "http://", reason: "not a valid address" },
    ]);
    expect(found.pagesRead.map((page) => page.url)).toEqual([
      CMS_ICD10_PAGE,
      `${CMS_ICD10_PAGE}/2019-icd-10-cm`,
      `${CMS_ICD10_PAGE}/2018-icd-10-cm`,
    ]);
  });
});

/** CMS behind its CDN's bot wall; CDC's listings as recorded (real, verbatim). */
function cmsBlocked(): FetchDocument & { asked: DocumentRequest[] } {
  const listing = (name: string) => fixture(`cdc-ftp/ICD10CM-${name}.index.html`);
  const cdc = recordedFetch({
    [CDC_ICD10CM_LISTING]: listing("root"),
    [`${CDC_ICD10CM_LISTING}2026/`]: listing("2026"),
    [`${CDC_ICD10CM_LISTING}2025/`]: listing("2025"),
    [`${CDC_ICD10CM_LISTING}2025-Update/`]: listing("2025-Update"),
  });
  const fetch = async (request: DocumentRequest) => {
    if (request.url.startsWith("https://www.cms.gov/")) {
      throw new SourceFetchError(`${request.url}: HTTP 403 with a challenge page`, {
        reason: "bot-check",
        url: request.url,
        status: 403,
      });
    }
    return cdc(request);
  };
  return Object.assign(fetch, { asked: cdc.asked });
}

describe("CDC/NCHS as the second, independent publisher of ICD-10-CM", () => {
  it("is read when CMS answers with a bot wall, and the discovery says so", async () => {
    const found = await icd10cm.discover!(now, { fetchText: cmsBlocked() });
    expect(found.fallback).toMatchObject({ from: CMS_ICD10_PAGE, to: CDC_ICD10CM_LISTING });
    expect(found.fallback?.reason).toMatch(/^bot-check/);
    expect(found.pagesRead[0]).toMatchObject({ url: CMS_ICD10_PAGE, outcome: "failed" });
    expect(
      found.releases.map((release) => [
        release.version,
        decodeURIComponent(release.files[0]!.url.split("/").pop()!),
      ]),
    ).toEqual([
      ["FY2025", "ICD10-CM Code Descriptions 2025.zip"],
      ["FY2025 April 1 update", "Code-desciptions-April-2025.zip"],
      ["FY2026", "icd10cm-Code Descriptions-2026.zip"],
    ]);
  });

  it("never stands in for ICD-10-PCS, which only CMS publishes: the run fails, blocked", async () => {
    await expect(icd10pcs.discover!(now, { fetchText: cmsBlocked() })).rejects.toMatchObject({
      reason: "bot-check",
    });
  });
});
