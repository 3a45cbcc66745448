import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { fieldsOf, keyOf } from "#shared/core/snapshot.js";
import { federalRegister, federalRegisterListingUrl } from "#shared/sources/federal-register.js";
import { fixtureBytes } from "../documents/document-fixtures.js";
import { recordedFetch } from "./recorded-fetch.js";

const FIRST = federalRegisterListingUrl();
const REAL = fixtureBytes("federal-register/documents-cms-pfs-page1.json");
const realBody = JSON.parse(REAL.toString("utf8"));
const NOW = new Date("2026-08-25T12:00:00Z");

/** A page of `count` made-up documents published on `date`, pointing at `next`. */
function page(prefix: string, date: string, next?: string, count = 100) {
  const results = Array.from({ length: count }, (_, i) => ({
    document_number: `${prefix}-${String(i).padStart(3, "0")}`,
    title: `Medicare Program; notice ${prefix} ${i}`,
    type: "Rule",
    publication_date: date,
  }));
  return JSON.stringify({ count: 5000, results, ...(next ? { next_page_url: next } : {}) });
}

describe("Federal Register collector", () => {
  it("asks for CMS rules and proposed rules, newest first, with the fields the snapshot needs", () => {
    expect(FIRST).toBe(
      "https://www.federalregister.gov/api/v1/documents.json?conditions[agencies][]=centers-for-medicare-medicaid-services&conditions[type][]=RULE&conditions[type][]=PRORULE&fields[]=abstract&fields[]=citation&fields[]=cfr_references&fields[]=comments_close_on&fields[]=docket_ids&fields[]=document_number&fields[]=effective_on&fields[]=html_url&fields[]=pdf_url&fields[]=publication_date&fields[]=regulation_id_numbers&fields[]=title&fields[]=type&order=newest&per_page=100",
    );
  });

  it("keys the real documents by document number with their dates, docket, CFR parts and tags", async () => {
    const fetch = recordedFetch({ [FIRST]: REAL });
    const { snapshot, responses } = await federalRegister.gather({ now: NOW, fetch, known: new Set() });
    expect(snapshot.lines).toHaveLength(20);
    expect(responses.map((response) => response.url)).toEqual([FIRST]);
    const line = snapshot.lines.find((candidate) => keyOf(candidate) === "2026-15833")!;
    expect(
      Object.fromEntries(federalRegister.rules.fields.map((field, i) => [field, fieldsOf(line)[i]])),
    ).toEqual({
      type: "Rule",
      title: expect.stringMatching(/^Medicare Program; Hospital Inpatient Prospective Payment Systems/),
      publication_date: "2026-08-04",
      effective_on: "2026-10-01",
      comments_close_on: "",
      docket_ids: "CMS-1849-F and CMS-0062-F",
      cfr_references:
        "42 CFR 405; 42 CFR 412; 42 CFR 413; 42 CFR 415; 42 CFR 419; 42 CFR 495; 42 CFR 512; 45 CFR 170",
      citation: "91 FR 49570",
      html_url: expect.stringContaining("/2026-15833/"),
      pdf_url: "",
      topics: "ipps quality",
      codes: "",
    });
  });

  it("stops at the first page when its documents reach back past a year, even if a next page exists", async () => {
    const fetch = recordedFetch({ [FIRST]: REAL });
    await federalRegister.gather({ now: NOW, fetch, known: new Set() });
    expect(fetch.asked).toHaveLength(1);
  });

  it("follows next_page_url while a page brings new documents from the last year, and stops at a known page", async () => {
    const next = "https://www.federalregister.gov/api/v1/documents?page=2";
    const third = "https://www.federalregister.gov/api/v1/documents?page=3";
    const fetch = recordedFetch({
      [FIRST]: page("2026-a", "2026-08-20", next),
      [next]: page("2026-b", "2026-06-01", third),
      [third]: page("2026-c", "2026-05-01"),
    });
    const known = new Set(Array.from({ length: 100 }, (_, i) => `2026-b-${String(i).padStart(3, "0")}`));
    const { snapshot } = await federalRegister.gather({ now: NOW, fetch, known });
    expect(fetch.asked.map((request) => request.url)).toEqual([FIRST, next]);
    expect(snapshot.lines).toHaveLength(200);
  });

  it("starts a query bounded by the oldest date seen instead of paging past the API's 2,000-result window", async () => {
    const answers: Record<string, string> = {};
    let url = FIRST;
    for (let n = 1; n <= 20; n++) {
      const next = `https://www.federalregister.gov/api/v1/documents?page=${n + 1}`;
      answers[url] = page(`p${n}`, `2026-08-${String(21 - n).padStart(2, "0")}`, next);
      url = next;
    }
    const partition = federalRegisterListingUrl("2026-08-01");
    answers[partition] = page(
      "older",
      "2025-01-01",
      "https://www.federalregister.gov/api/v1/documents?page=2&lte",
    );
    const fetch = recordedFetch(answers);
    await federalRegister.gather({ now: NOW, fetch, known: new Set() });
    expect(fetch.asked).toHaveLength(21);
    expect(fetch.asked[20]!.url).toBe(partition);
    expect(partition).toContain("&conditions[publication_date][lte]=2026-08-01&");
    expect(fetch.asked.some((request) => request.url.includes("page=21"))).toBe(false);
  });

  it("asks for JSON, so an HTML answer or bot-check page fails before parsing", async () => {
    const fetch = recordedFetch({ [FIRST]: REAL });
    await federalRegister.gather({ now: NOW, fetch, known: new Set() });
    expect(fetch.asked[0]!.expect).toBe("json");
  });

  it("fails with the API's message on a JSON error body", async () => {
    const fetch = recordedFetch({ [FIRST]: JSON.stringify({ errors: ["per_page must be at most 1000"] }) });
    const gathering = federalRegister.gather({ now: NOW, fetch, known: new Set() });
    await expect(gathering).rejects.toThrow(ParseError);
    await expect(federalRegister.gather({ now: NOW, fetch, known: new Set() })).rejects.toThrow(
      /per_page must be at most 1000/,
    );
  });

  it("refuses a next_page_url that leaves the Federal Register", async () => {
    const body = {
      ...realBody,
      results: realBody.results.slice(0, 2),
      next_page_url: "https://elsewhere.example/x",
    };
    const fetch = recordedFetch({ [FIRST]: JSON.stringify(body) });
    await expect(federalRegister.gather({ now: NOW, fetch, known: new Set() })).rejects.toThrow(/leaves/);
  });
});
