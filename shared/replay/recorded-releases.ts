import type { ReleaseCandidate } from "../core/release.js";
import type { CodeSetSource } from "../sources/source.js";
import type { ReplayManifest, ReplayRelease } from "./replay-manifest.js";

/**
 * The recorded releases of a source as the collector would request them. Each is looked up among
 * the source's own candidates for its effective date, so replays exercise the production URL and
 * zip-entry patterns; a recording under a name the source no longer generates falls back to its
 * recorded entry name.
 */
export async function recordedReleases(
  source: CodeSetSource,
  manifest: ReplayManifest,
): Promise<ReleaseCandidate[]> {
  const releases: ReleaseCandidate[] = [];
  for (const recorded of manifest.sources[source.id] ?? []) {
    releases.push(await recordedRelease(source, recorded));
  }
  return releases;
}

async function recordedRelease(source: CodeSetSource, recorded: ReplayRelease): Promise<ReleaseCandidate> {
  const candidates = await source.candidates(new Date(`${recorded.effectiveDate}T12:00:00Z`));
  const own = candidates.find(
    (candidate) =>
      candidate.version === recorded.version &&
      candidate.files.some((file) => file.url === recorded.url || file.alternateUrls?.includes(recorded.url)),
  );
  if (own) return own;
  return {
    version: recorded.version,
    effectiveDate: recorded.effectiveDate,
    files: recorded.files.map((file) => ({
      url: file.url,
      ...(file.zipEntry
        ? { entry: [new RegExp(`(^|/)${escapeRegExp(file.zipEntry)}$`)] }
        : // A recording kept as the publisher's own zip is read with the source's entry patterns.
          file.fixture.endsWith(".zip")
          ? { entry: source.entryPatterns, companions: source.companionPatterns ?? [] }
          : {}),
      ...(file.zipEntry && source.companionPatterns ? { companions: source.companionPatterns } : {}),
    })),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
