import type { ReleaseCandidate } from "../core/release.js";
import { SourceFetchError } from "../http/source-fetch-error.js";
import type { PageLink, SkippedLink } from "../publishers/page-links.js";
import type { DiscoveryContext, FetchDocument } from "./source.js";

/** One publisher page or listing a discovery asked for, and what came of it. */
export interface PageRead {
  readonly url: string;
  readonly outcome: "read" | "failed";
  /** Why it failed (`bot-check`, `not-found`…, and the message), for the run and the operator. */
  readonly reason?: string;
}

/**
 * What a source found on its publishers' own pages: the releases (oldest first), every page read
 * and how it went, every link skipped, and whether a second publisher stood in for the first.
 * "Expected release missing" and "blocked" are read from this, not guessed.
 */
export interface Discovery {
  readonly releases: readonly ReleaseCandidate[];
  readonly pagesRead: readonly PageRead[];
  readonly skippedLinks: readonly SkippedLink[];
  readonly fallback?: { readonly from: string; readonly to: string; readonly reason: string };
}

/** Collects what a discovery reads, so every source reports it the same way. */
export class DiscoveryLog {
  readonly pagesRead: PageRead[] = [];
  readonly skippedLinks: SkippedLink[] = [];

  /** Reads a page's links through `parse`; a failed fetch is logged and thrown on. */
  async read(
    fetch: FetchDocument,
    url: string,
    parse: (html: string, url: string) => { links: PageLink[]; skipped: SkippedLink[] },
  ): Promise<PageLink[]> {
    try {
      const page = await fetch({ url, expect: "html" });
      const { links, skipped } = parse(page.bytes.toString("utf8"), url);
      this.pagesRead.push({ url, outcome: "read" });
      this.skippedLinks.push(...skipped);
      return links;
    } catch (error) {
      this.pagesRead.push({ url, outcome: "failed", reason: reasonOf(error) });
      throw error;
    }
  }

  /** Like `read`, but a failure leaves the page out (logged) instead of failing the discovery. */
  async readIfAvailable(
    fetch: FetchDocument,
    url: string,
    parse: (html: string, url: string) => { links: PageLink[]; skipped: SkippedLink[] },
  ): Promise<PageLink[]> {
    try {
      return await this.read(fetch, url, parse);
    } catch (error) {
      if (!(error instanceof SourceFetchError)) throw error;
      return [];
    }
  }

  result(releases: readonly ReleaseCandidate[], fallback?: Discovery["fallback"]): Discovery {
    const unique = new Map<string, ReleaseCandidate>();
    for (const release of releases) {
      if (!unique.has(release.version)) unique.set(release.version, release);
    }
    // Oldest first; a re-issue of the same date after the issue it re-issues ("FY2026" before "FY2026, updated …").
    const ordered = [...unique.values()].sort(
      (a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.version.localeCompare(b.version),
    );
    return {
      releases: ordered,
      pagesRead: this.pagesRead,
      skippedLinks: this.skippedLinks,
      ...(fallback ? { fallback } : {}),
    };
  }
}

/**
 * The releases a discovery found, as collection asks for them; every link skipped and a fallback
 * publisher used are told to the run's log (`context.warn`), so an operator sees them.
 */
export async function discoveredCandidates(
  discover: (context: DiscoveryContext) => Promise<Discovery>,
  context: DiscoveryContext | undefined,
): Promise<ReleaseCandidate[]> {
  // Without a way to read the publishers' pages there is nothing to discover.
  if (!context) return [];
  const found = await discover(context);
  for (const link of found.skippedLinks) {
    context.warn?.(`${link.page}: skipped the link ${JSON.stringify(link.href)}: ${link.reason}`);
  }
  if (found.fallback) {
    context.warn?.(
      `${found.fallback.from} could not be read (${found.fallback.reason}): releases found on ${found.fallback.to} instead`,
    );
  }
  return [...found.releases];
}

export function reasonOf(error: unknown): string {
  if (error instanceof SourceFetchError) return `${error.reason}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Whether a publisher is out of reach (blocked by its CDN, down, timing out) rather than answering. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof SourceFetchError && error.reason !== "unexpected-content";
}
