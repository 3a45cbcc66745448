import { describe, expect, it } from "vitest";
import { fieldsOf, keyOf } from "#shared/core/snapshot.js";
import { cmsNewsroom } from "#shared/sources/cms-newsroom.js";
import { feedSource } from "#shared/sources/feed-source.js";
import { fixtureBytes } from "../documents/document-fixtures.js";
import { recordedFetch } from "./recorded-fetch.js";

const NOW = new Date("2026-10-30T21:00:00Z");
const NEWSROOM = "https://www.cms.gov/newsroom/rss-feeds/all-press-releases-and-fact-sheets/feed";

describe("feed sources", () => {
  it("keys CMS newsroom items by node id with the rebuilt link, UTC date and tags", async () => {
    // Constructed in the documented shape of the CMS feed: test/fixtures/cms-newsroom/README.md.
    const fetch = recordedFetch({ [NEWSROOM]: fixtureBytes("cms-newsroom/newsroom-feed.constructed.xml") });
    const { snapshot } = await cmsNewsroom.gather({ now: NOW, fetch, known: new Set() });
    expect(snapshot.lines.map(keyOf)).toEqual(["2120731", "2120799", "2120845", "2120872"]);
    const pfs = Object.fromEntries(
      cmsNewsroom.rules.fields.map((field, i) => [field, fieldsOf(snapshot.lines[3]!)[i]]),
    );
    expect(pfs).toMatchObject({
      title: "CMS Finalizes Calendar Year 2027 Physician Fee Schedule and Telehealth Policies",
      published: "2026-10-30T20:05:00.000Z",
      link: "https://www.cms.gov/newsroom/press-releases/cms-finalizes-calendar-year-2027-physician-fee-schedule",
      topics: "cpt hcpcs e/m pfs telehealth",
      codes: "G0136 99213",
    });
    const icd = fieldsOf(snapshot.lines[1]!);
    expect(icd[cmsNewsroom.rules.fields.indexOf("codes")]).toBe("E119 R1310");
    // A ZIP code beside a docket number in the hospice item is not a CPT code.
    expect(fieldsOf(snapshot.lines[2]!)[cmsNewsroom.rules.fields.indexOf("codes")]).toBe("");
  });

  it("makes another feed one catalog entry: a well-behaved RSS feed keyed by guid", async () => {
    const url = "https://example.org/news.xml";
    const source = feedSource({
      id: "example-news",
      title: "Example news",
      url,
      cadence: { schedule: "rate(1 day)", silentAfterHours: 72 },
    });
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>
      <item><guid>n-1</guid><title>OPPS &amp; ASC update</title><link>https://example.org/1</link>
      <pubDate>Thu, 12 Mar 2026 00:00:00 -0500</pubDate><description>&lt;p&gt;HCPCS C9399&lt;/p&gt;</description></item>
      </channel></rss>`;
    const { snapshot } = await source.gather({
      now: NOW,
      fetch: recordedFetch({ [url]: rss }),
      known: new Set(),
    });
    expect(source.coverage).toBe("window");
    expect(snapshot.lines).toEqual([
      "n-1\tOPPS & ASC update\t2026-03-12T05:00:00.000Z\thttps://example.org/1\tHCPCS C9399\thcpcs opps asc\tC9399",
    ]);
  });
});
