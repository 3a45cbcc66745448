/**
 * Where a publisher's URL is fetched from when a mirror is configured (`CODECURRENT_SOURCE_MIRROR`):
 * local runs serve recorded files under `<mirror>/<host>/<path>`, so the real fetch code runs
 * without the internet. Without a mirror the URL is returned unchanged.
 */
export function mirrorUrl(url: string, mirror?: string): string {
  if (mirror === undefined || mirror === "") return url;
  const original = new URL(url);
  const base = mirror.endsWith("/") ? mirror : `${mirror}/`;
  // `./` keeps a host with a port (`example.org:8080`) from being read as a URL scheme.
  return new URL(`./${original.host}${original.pathname}${original.search}`, base).toString();
}
