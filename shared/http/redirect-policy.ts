import type { SourceFetchFailure } from "./source-fetch-error.js";

/** The hosts codecurrent's publishers serve their pages and files from. */
export const PUBLISHER_HOSTS: readonly string[] = [
  "www.cms.gov",
  "cms.gov",
  "api.coverage.cms.gov",
  "ftp.cdc.gov",
  "www.cdc.gov",
  "www.federalregister.gov",
  "federalregister.gov",
  "oig.hhs.gov",
];

/** Which redirects a fetch follows. */
export interface RedirectPolicy {
  /** Hosts a redirect may lead to besides the current one; default `PUBLISHER_HOSTS`. */
  readonly allowedHosts?: readonly string[];
  /** Hops followed before giving up; default 5 (publishers use one or two). */
  readonly maxHops?: number;
}

export const DEFAULT_MAX_HOPS = 5;

/**
 * Why the hop from `current` to `next` is not followed, or undefined when it may be. A redirect is
 * a request codecurrent did not choose to make: it must stay on https (a downgrade would let anyone
 * on the path swap the file) and on a publisher's host (anything else is a firewall's challenge
 * page, a moved site someone must look at, or a request sent somewhere it must not go).
 */
export function checkRedirect(
  requested: string,
  current: string,
  next: string,
  hop: number,
  policy: RedirectPolicy = {},
): { readonly reason: SourceFetchFailure; readonly message: string } | undefined {
  const from = new URL(current);
  const to = new URL(next);
  const maxHops = policy.maxHops ?? DEFAULT_MAX_HOPS;
  if (hop > maxHops)
    return {
      reason: "too-many-redirects",
      message: `${requested} redirected more than ${maxHops} times (last to ${next}): refused`,
    };
  // Plain http is only ever followed from plain http (the local mirror); https never steps down.
  if (to.protocol !== "https:" && !(to.protocol === "http:" && from.protocol === "http:"))
    return {
      reason: "insecure-redirect",
      message: `${requested} redirected from ${from.protocol.slice(0, -1)} to ${to.protocol.slice(0, -1)} (${next}): refused`,
    };
  const allowed = policy.allowedHosts ?? PUBLISHER_HOSTS;
  if (sameHost(from, to) || allowed.includes(to.host.toLowerCase())) return undefined;
  return {
    reason: "unexpected-redirect",
    message: `${requested} redirected to ${next}, off the publishers' hosts: refused`,
  };
}

function sameHost(a: URL, b: URL): boolean {
  return a.host.toLowerCase().replace(/^www\./, "") === b.host.toLowerCase().replace(/^www\./, "");
}
