import { load } from "cheerio/slim";

/** One link of a publisher's page: its address made absolute, and its text as a person reads it. */
export interface PageLink {
  readonly href: string;
  readonly text: string;
}

/** A link left out, and why: one bad link never costs the rest of the page. */
export interface SkippedLink {
  readonly page: string;
  readonly href: string;
  readonly reason: string;
}

export interface PageLinks {
  readonly links: PageLink[];
  readonly skipped: SkippedLink[];
}

/**
 * Every `<a href>` of a page, read one by one: a link whose address does not parse, has no host
 * (`http://`) or is not http(s) (`mailto:`, `javascript:`) is skipped and reported, never fatal.
 * Pure: the page's HTML in, links out.
 */
export function readPageLinks(html: string, pageUrl: string): PageLinks {
  const $ = load(html);
  const links: PageLink[] = [];
  const skipped: SkippedLink[] = [];
  $("a[href]").each((_, anchor) => {
    const raw = ($(anchor).attr("href") ?? "").trim();
    const text = $(anchor).text().replace(/\s+/g, " ").trim();
    if (raw === "" || raw.startsWith("#")) return;
    let url: URL;
    try {
      url = new URL(raw, pageUrl);
    } catch {
      skipped.push({ page: pageUrl, href: raw, reason: "not a valid address" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      if (url.protocol !== "mailto:" && url.protocol !== "tel:") {
        skipped.push({ page: pageUrl, href: raw, reason: `not a web address (${url.protocol})` });
      }
      return;
    }
    if (url.hostname === "") {
      skipped.push({ page: pageUrl, href: raw, reason: "no host" });
      return;
    }
    links.push({ href: url.toString(), text });
  });
  return { links, skipped };
}

/** A link's file path as published, decoded (`…-updated-02/01/2024.zip` keeps its slashes). */
export function linkPath(href: string): string {
  try {
    return decodeURIComponent(new URL(href).pathname);
  } catch {
    return href;
  }
}

/**
 * A published file's name as CMS writes it: everything after `/files/zip/` or `/Downloads/`, which
 * may itself hold slashes (`2024-…-updated-02/01/2024.zip`); elsewhere the path's last segment.
 */
export function publishedFileName(path: string): string {
  const cms = /\/(?:files\/zip|Downloads)\/(.+)$/i.exec(path);
  return cms ? cms[1]! : (path.split("/").pop() ?? path);
}
