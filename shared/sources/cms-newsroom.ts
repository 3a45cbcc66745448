import { feedSource } from "./feed-source.js";

/** CMS press releases, fact sheets and news alerts, from the newsroom's RSS feed. */
export const cmsNewsroom = feedSource({
  id: "cms-newsroom",
  title: "CMS newsroom",
  url: "https://www.cms.gov/newsroom/rss-feeds/all-press-releases-and-fact-sheets/feed",
  cadence: { schedule: "cron(0 13,21 * * ? *)", silentAfterHours: 72 },
  itemReader: async () => {
    const { cmsNewsroomItem } = await import("../documents/cms-newsroom-item.js");
    return (item, source, position) => {
      const news = cmsNewsroomItem(item, source, position);
      return {
        key: news.nodeId,
        title: news.title,
        link: news.link,
        published: news.published,
        summary: news.summary,
      };
    };
  },
});
