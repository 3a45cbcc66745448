import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { parseFeed } from "#shared/documents/feed.js";
import { fixtureText } from "./document-fixtures.js";

describe("RSS and Atom feeds", () => {
  it("reads every item of an RSS 2.0 feed with its guid, date text and creator", async () => {
    const items = await parseFeed(fixtureText("cms-newsroom/newsroom-feed.constructed.xml"), "cms-newsroom");
    expect(items.map((item) => item.guid)).toEqual([
      "https://www.cms.gov/2120872",
      "https://www.cms.gov/2120845",
      "https://www.cms.gov/2120799",
      "https://www.cms.gov/2120731",
    ]);
    expect(items[0]!.pubDate).toBe("Fri, 10/30/2026 - 16:05");
    expect(items[1]!.creator).toMatch(/^<time datetime="2026-07-30T15:30:00-04:00">/);
  });

  it("reads an Atom feed's entries", async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>tag:x,2026:1</id><title>Update</title><link href="https://example.org/1"/>
      <updated>2026-08-01T12:00:00Z</updated><summary>Text</summary></entry></feed>`;
    expect(await parseFeed(atom, "atom")).toEqual([
      {
        guid: "tag:x,2026:1",
        title: "Update",
        link: "https://example.org/1",
        pubDate: "2026-08-01T12:00:00.000Z",
        isoDate: "2026-08-01T12:00:00.000Z",
        creator: "",
        description: "Text",
      },
    ]);
  });

  it("fails on malformed XML", async () => {
    const cut = fixtureText("cms-newsroom/newsroom-feed.constructed.xml").replace("</item>", "</title>");
    await expect(parseFeed(cut, "cms-newsroom")).rejects.toThrow(ParseError);
    await expect(parseFeed(cut, "cms-newsroom")).rejects.toThrow(/not a readable RSS or Atom feed/);
  });

  it("fails on an empty body and on XML that is not a feed", async () => {
    await expect(parseFeed("", "cms-newsroom")).rejects.toThrow(/empty/);
    await expect(parseFeed("<html><body>Maintenance</body></html>", "cms-newsroom")).rejects.toThrow(
      ParseError,
    );
  });

  it("reads a well-formed feed without items as no items, for the sanity gate to refuse", async () => {
    const empty =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>CMS Newsroom</title></channel></rss>';
    expect(await parseFeed(empty, "cms-newsroom")).toEqual([]);
  });
});
