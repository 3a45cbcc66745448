import * as cheerio from "cheerio/slim";

/**
 * The readable text of an HTML fragment (an OIG narrative, a feed description), whitespace
 * collapsed: what a coder would read, and what tagging and change detection look at.
 */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, " ").trim();
  const $ = cheerio.load(`<body>${html}</body>`);
  $("br, p, li, div").after(" ");
  return $("body").text().replace(/\s+/g, " ").trim();
}
