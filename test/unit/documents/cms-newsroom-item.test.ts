import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { cmsNewsroomItem } from "#shared/documents/cms-newsroom-item.js";
import { type FeedItem, parseFeed } from "#shared/documents/feed.js";
import { fixtureText } from "./document-fixtures.js";

// Constructed in the documented shape of the CMS feed: test/fixtures/cms-newsroom/README.md.
const FEED = "cms-newsroom/newsroom-feed.constructed.xml";
const items = async () =>
  (await parseFeed(fixtureText(FEED), "cms-newsroom")).map((item, i) =>
    cmsNewsroomItem(item, "cms-newsroom", i + 1),
  );

describe("CMS newsroom feed items", () => {
  it("takes the title and the link from the anchor the title holds, not from the garbled <link>", async () => {
    const [first] = await items();
    expect(first).toMatchObject({
      nodeId: "2120872",
      title: "CMS Finalizes Calendar Year 2027 Physician Fee Schedule and Telehealth Policies",
      link: "https://www.cms.gov/newsroom/press-releases/cms-finalizes-calendar-year-2027-physician-fee-schedule",
    });
  });

  it("reads Drupal's Eastern pubDate as UTC on both sides of daylight saving time", async () => {
    const byNode = Object.fromEntries((await items()).map((item) => [item.nodeId, item.published]));
    expect(byNode["2120872"]).toBe("2026-10-30T20:05:00.000Z");
    expect(byNode["2120731"]).toBe("2026-01-14T14:00:00.000Z");
  });

  it("prefers the exact time a dc:creator <time datetime> gives", async () => {
    const hospice = (await items()).find((item) => item.nodeId === "2120845")!;
    expect(hospice.published).toBe("2026-07-30T19:30:00.000Z");
  });

  it("decodes the entity-encoded HTML description to text", async () => {
    const hospice = (await items()).find((item) => item.nodeId === "2120845")!;
    expect(hospice.summary).toBe(
      "CMS issued the FY 2027 hospice final rule. Hospice payment rates rise 2.6% and the hospice cap is updated. Docket CMS-1835-F; comments were received from 20201 Baltimore addresses.",
    );
  });

  it("fails on an item it cannot date or identify rather than inventing a date or key", () => {
    const item: FeedItem = {
      guid: "https://www.cms.gov/2120872",
      title: '<a href="/newsroom/x">X</a>',
      link: "",
      pubDate: "sometime in October",
      isoDate: "",
      creator: "",
      description: "",
    };
    expect(() => cmsNewsroomItem(item, "cms-newsroom", 3)).toThrow(/item 3: unreadable pubDate/);
    expect(() => cmsNewsroomItem({ ...item, guid: "" }, "cms-newsroom", 3)).toThrow(ParseError);
  });
});
