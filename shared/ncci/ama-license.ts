import { load } from "cheerio/slim";

/** Reads a page the way the collector reads publishers (limits, retries, mirror): the source's own fetch. */
export type ReadPage = (request: { readonly url: string; readonly expect: "html" }) => Promise<{
  readonly bytes: Buffer;
}>;

/**
 * CMS serves CPT-bearing files behind the AMA licence page (`/license/ama?file=/files/zip/…`). A
 * person reads it and presses Accept, which leads to the file; codecurrent does the same: it reads
 * the licence page and requests whatever Accept leads to, so a changed licence flow shows up as a
 * failure instead of being bypassed. Links that are not licence pages are returned as they are.
 */
export async function acceptedFileUrl(link: string, fetch: ReadPage): Promise<string> {
  if (!/\/license\//i.test(new URL(link).pathname)) return link;
  const page = await fetch({ url: link, expect: "html" });
  return acceptTarget(page.bytes.toString("utf8"), link);
}

/** Pure: where the licence page's Accept control leads (a link, or a GET form's action with its fields). */
export function acceptTarget(html: string, pageUrl: string): string {
  const $ = load(html);
  const isAccept = (label: string) => /^\s*(i\s+)?accept\b/i.test(label) && !/not/i.test(label);
  for (const anchor of $("a[href]").toArray()) {
    if (isAccept($(anchor).text())) return new URL($(anchor).attr("href")!, pageUrl).toString();
  }
  for (const form of $("form").toArray()) {
    const submit = $(form)
      .find("button, input[type=submit]")
      .toArray()
      .find((control) => isAccept($(control).text() || $(control).attr("value") || ""));
    if (!submit) continue;
    if (($(form).attr("method") ?? "get").toLowerCase() !== "get") continue;
    const target = new URL($(form).attr("action") || pageUrl, pageUrl);
    $(form)
      .find("input[name]")
      .each((_, input) => {
        const type = ($(input).attr("type") ?? "text").toLowerCase();
        if (type !== "submit") target.searchParams.set($(input).attr("name")!, $(input).attr("value") ?? "");
      });
    const name = $(submit).attr("name");
    if (name) target.searchParams.set(name, $(submit).attr("value") ?? "");
    return target.toString();
  }
  throw new Error(
    `${pageUrl}: no Accept link or form on the AMA licence page (has the licence flow changed?)`,
  );
}
