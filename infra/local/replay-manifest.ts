import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** One recorded release of a source, served by the local mirror at its production URL. */
export interface ReplayRelease {
  /** Label as the source names its releases, e.g. `FY2019`, `2026-Q4`. */
  readonly version: string;
  /** ISO date (YYYY-MM-DD) the release takes effect. */
  readonly effectiveDate: string;
  /** Where the publisher serves (or served) this release. */
  readonly url: string;
  /** File under the fixtures directory holding the release's data. */
  readonly fixture: string;
  /** When `url` is a zip: the entry name the fixture is served under (a `.gz` fixture is gunzipped first). */
  readonly zipEntry?: string;
  /** Anything a user of this release must know, e.g. that it is derived rather than recorded. */
  readonly note?: string;
}

export interface ReplayManifest {
  readonly notes: readonly string[];
  /** Per source id, its recorded releases oldest first. */
  readonly sources: Readonly<Record<string, readonly ReplayRelease[]>>;
}

/** Where the manifest lives under a fixtures directory. */
export const REPLAY_MANIFEST_PATH = "replay/manifest.json";

const releaseSchema = z.object({
  version: z.string().min(1),
  effectiveDate: z.iso.date(),
  url: z.url({ protocol: /^https?$/ }),
  fixture: z
    .string()
    .min(1)
    .refine((fixture) => !path.isAbsolute(fixture) && !fixture.split(/[\\/]/).includes(".."), {
      message: "must be a path inside the fixtures directory",
    }),
  zipEntry: z.string().min(1).optional(),
  note: z.string().optional(),
});

const manifestSchema = z.object({
  notes: z.array(z.string()),
  sources: z.record(
    z.string(),
    z
      .array(releaseSchema)
      .refine(
        (releases) =>
          releases.every((release, i) => i === 0 || releases[i - 1]!.effectiveDate <= release.effectiveDate),
        { message: "releases must be listed oldest first" },
      ),
  ),
});

/** Reads and checks `<fixturesDir>/replay/manifest.json`. */
export function loadReplayManifest(fixturesDir: string): ReplayManifest {
  const file = path.join(fixturesDir, REPLAY_MANIFEST_PATH);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new Error(`${file} is not a valid replay manifest:\n${z.prettifyError(parsed.error)}`);
  const manifest: ReplayManifest = parsed.data;
  const urls = new Set<string>();
  for (const release of Object.values(manifest.sources).flat()) {
    if (urls.has(release.url)) throw new Error(`${file}: ${release.url} is listed twice`);
    urls.add(release.url);
  }
  return manifest;
}
