import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** One recorded file, served by the local mirror at its production URL. */
export interface ReplayFile {
  /** Where the publisher serves (or served) this file. */
  readonly url: string;
  /** File under the fixtures directory holding the data. */
  readonly fixture: string;
  /** When `url` is a zip: the entry name the fixture is served under (a `.gz` fixture is gunzipped first). */
  readonly zipEntry?: string;
  /** For URLs whose path has no telling extension (feeds, APIs). */
  readonly contentType?: string;
}

/** One recorded release of a source. Single-file releases keep their file's fields at the top level too. */
export interface ReplayRelease extends ReplayFile {
  /** Label as the source names its releases, e.g. `FY2019`, `2026-Q4`. */
  readonly version: string;
  /** ISO date (YYYY-MM-DD) the release takes effect. */
  readonly effectiveDate: string;
  /** Every file of the release (NCCI quarters come in parts), in the publisher's order. */
  readonly files: readonly ReplayFile[];
  /** Anything a user of this release must know, e.g. that it is derived rather than recorded. */
  readonly note?: string;
}

/** A recorded (or constructed) publisher page or listing. */
export interface ReplayPage extends ReplayFile {
  /** What the page is and where it comes from (recorded, constructed from which facts). */
  readonly note?: string;
}

/**
 * What a document source (a feed, an API listing, a page) showed at one moment. The mirror serves
 * it under `/_snapshot/<label>/<host>/<path>`, so a replay can step through the moments in order.
 */
export interface ReplaySnapshot {
  /** Sortable label, e.g. `2026-08-20`; snapshots are replayed in label order. */
  readonly label: string;
  /** ISO date the responses were captured (or stand for). */
  readonly capturedAt: string;
  readonly responses: readonly ReplayFile[];
  readonly note?: string;
}

export interface ReplayManifest {
  readonly notes: readonly string[];
  /**
   * Publisher pages and listings the mirror serves at their production addresses: sources that
   * discover their releases (ICD-10, HCPCS) read them, and find the recorded files only through them.
   */
  readonly pages: readonly ReplayPage[];
  /** Per code-set source id, its recorded releases oldest first. */
  readonly sources: Readonly<Record<string, readonly ReplayRelease[]>>;
  /** Per document source id, its recorded snapshots oldest first. */
  readonly documents: Readonly<Record<string, readonly ReplaySnapshot[]>>;
}

/** Mirror path prefix under which a document snapshot is served. */
export function snapshotPrefix(label: string): string {
  return `/_snapshot/${encodeURIComponent(label)}`;
}

/** Where the manifest lives under a fixtures directory. */
export const REPLAY_MANIFEST_PATH = "replay/manifest.json";

const fixturePath = z
  .string()
  .min(1)
  .refine((fixture) => !path.isAbsolute(fixture) && !fixture.split(/[\\/]/).includes(".."), {
    message: "must be a path inside the fixtures directory",
  });

const fileSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  fixture: fixturePath,
  zipEntry: z.string().min(1).optional(),
  contentType: z.string().min(1).optional(),
});

const releaseSchema = z
  .object({
    version: z.string().min(1),
    effectiveDate: z.iso.date(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    fixture: fixturePath.optional(),
    zipEntry: z.string().min(1).optional(),
    contentType: z.string().min(1).optional(),
    files: z.array(fileSchema).min(1).optional(),
    note: z.string().optional(),
  })
  .refine(
    (release) =>
      (release.files === undefined) !== (release.url === undefined || release.fixture === undefined),
    {
      message: "a release has either url + fixture (one file) or files (several), not both",
    },
  )
  .transform((release): ReplayRelease => {
    const files = release.files ?? [
      {
        url: release.url!,
        fixture: release.fixture!,
        ...(release.zipEntry ? { zipEntry: release.zipEntry } : {}),
        ...(release.contentType ? { contentType: release.contentType } : {}),
      },
    ];
    const first = files[0]!;
    return {
      version: release.version,
      effectiveDate: release.effectiveDate,
      ...first,
      files,
      ...(release.note ? { note: release.note } : {}),
    };
  });

const snapshotSchema = z.object({
  label: z.string().min(1),
  capturedAt: z.iso.date(),
  responses: z.array(fileSchema).min(1),
  note: z.string().optional(),
});

const manifestSchema = z.object({
  notes: z.array(z.string()),
  pages: z.array(fileSchema.extend({ note: z.string().optional() })).default([]),
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
  documents: z
    .record(
      z.string(),
      z
        .array(snapshotSchema)
        .refine((snapshots) => snapshots.every((s, i) => i === 0 || snapshots[i - 1]!.label < s.label), {
          message: "snapshots must be listed in label order",
        }),
    )
    .default({}),
});

/** Reads and checks `<fixturesDir>/replay/manifest.json`. */
export function loadReplayManifest(fixturesDir: string): ReplayManifest {
  const file = path.join(fixturesDir, REPLAY_MANIFEST_PATH);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new Error(`${file} is not a valid replay manifest:\n${z.prettifyError(parsed.error)}`);
  const manifest: ReplayManifest = parsed.data;
  const urls = new Set<string>();
  for (const { url } of Object.values(manifest.sources).flatMap((release) =>
    release.flatMap((r) => r.files),
  )) {
    if (urls.has(url)) throw new Error(`${file}: ${url} is listed twice`);
    urls.add(url);
  }
  return manifest;
}
