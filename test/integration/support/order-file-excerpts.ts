import { readFileSync } from "node:fs";
import path from "node:path";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { icd10pcs } from "#shared/sources/icd10pcs.js";
import type { CodeSetSource } from "#shared/sources/source.js";
import type { MirrorHandler, SourceMirror } from "../../../infra/local/source-mirror.js";
import { zipOf } from "../../fixtures/zip-of.js";
import { FIXTURES_DIR } from "./local-stack.js";

/**
 * A source's two recorded ICD-10 releases for collection tests, small: each release's zip as CMS
 * ships it, but holding the real-line excerpt of its order file (test/fixtures/codesets/
 * cut-excerpts.ts). ICD-10-CM FY2018 → FY2019: 233 → 251 lines, +16 −6 ~8 codes and 2 new headers
 * (32 changes, P742 expanded to a header among them). ICD-10-PCS FY2017 → FY2018: category 001,
 * 85 → 118 lines, 33 new codes.
 * The full years' CMS counts are proven once, in test/unit/diff/diff-snapshots.test.ts.
 */
export interface OrderFileExcerpts {
  readonly source: CodeSetSource;
  /** The older and the newer release, as the replay manifest records them. */
  readonly releases: readonly [ReleaseCandidate, ReleaseCandidate];
  /** The order-file lines of a release's excerpt, CRLF-terminated Latin-1 as CMS writes them. */
  text(release: ReleaseCandidate): Buffer;
  /** The zip the mirror serves for a release: its sha256 is the evidence a change points at. */
  zip(release: ReleaseCandidate): Buffer;
  /** Makes the mirror answer the release's own URL with its excerpt zip (again, after another override). */
  serve(mirror: SourceMirror, release: ReleaseCandidate): void;
}

const PREFIX: Record<string, string> = { icd10cm: "icd10cm_order", icd10pcs: "icd10pcs_order" };

export async function orderFileExcerpts(source: CodeSetSource): Promise<OrderFileExcerpts> {
  // The first two: later recordings (a re-issue, an April update) have no excerpt of their own.
  const releases = (await recordedReleases(source, loadReplayManifest(FIXTURES_DIR))).slice(0, 2) as [
    ReleaseCandidate,
    ReleaseCandidate,
  ];
  const texts = new Map<ReleaseCandidate, Buffer>();
  const zips = new Map<ReleaseCandidate, Buffer>();
  for (const release of releases) {
    // Versions are fiscal years (FY2019): the year names the files.
    const name = `${PREFIX[source.id]}_${release.version.replace(/^FY/, "")}`;
    const text = readFileSync(path.join(FIXTURES_DIR, `codesets/${name}.excerpt.txt`));
    texts.set(release, text);
    zips.set(release, await zipOf({ [`${name}.txt`]: text }));
  }
  const zip = (release: ReleaseCandidate) => zips.get(release)!;
  return {
    source,
    releases,
    text: (release) => texts.get(release)!,
    zip,
    serve: (mirror, release) => {
      mirror.override(release.files[0]!.url, serveZip(zip(release)));
    },
  };
}

/** ICD-10-CM FY2018 and FY2019, excerpted. */
export async function icd10cmExcerpts(): Promise<
  OrderFileExcerpts & Record<"FY2018" | "FY2019", ReleaseCandidate>
> {
  const excerpts = await orderFileExcerpts(icd10cm);
  const [FY2018, FY2019] = excerpts.releases;
  return { ...excerpts, FY2018, FY2019 };
}

/** ICD-10-PCS FY2017 and FY2018, excerpted. */
export function icd10pcsExcerpts(): Promise<OrderFileExcerpts> {
  return orderFileExcerpts(icd10pcs);
}

export function serveZip(bytes: Buffer, contentType = "application/zip"): MirrorHandler {
  return (_request, response) => {
    response
      .writeHead(200, { "content-type": contentType, "content-length": String(bytes.length) })
      .end(bytes);
  };
}
