import { readFileSync } from "node:fs";
import path from "node:path";
import type { ReleaseCandidate } from "#shared/core/release.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import type { MirrorHandler, SourceMirror } from "../../../infra/local/source-mirror.js";
import { FIXTURES_DIR } from "./local-stack.js";
import { zipOf } from "./zip-payload.js";

/**
 * ICD-10-CM FY2018 and FY2019 for collection tests, small: each release's zip as CMS ships it, but
 * holding the real-line excerpt of its order file (test/fixtures/codesets/cut-excerpts.ts: 233 and
 * 251 lines; the diff +16 −6 ~8 codes, 2 new headers, 32 changes, among them P742 expanded to a
 * header). The full years' CMS counts are proven once, in test/unit/diff/diff-snapshots.test.ts.
 */
export interface Icd10cmExcerpts {
  readonly FY2018: ReleaseCandidate;
  readonly FY2019: ReleaseCandidate;
  /** The order-file lines of a year's excerpt, CRLF-terminated Latin-1 as CMS writes them. */
  text(release: ReleaseCandidate): Buffer;
  /** The zip the mirror serves for a release: its sha256 is the evidence a change points at. */
  zip(release: ReleaseCandidate): Buffer;
  /** Makes the mirror answer the release's own URL with its excerpt zip (again, after another override). */
  serve(mirror: SourceMirror, release: ReleaseCandidate): void;
}

export async function icd10cmExcerpts(): Promise<Icd10cmExcerpts> {
  const [FY2018, FY2019] = (await recordedReleases(icd10cm, loadReplayManifest(FIXTURES_DIR))) as [
    ReleaseCandidate,
    ReleaseCandidate,
  ];
  const texts = new Map<ReleaseCandidate, Buffer>();
  const zips = new Map<ReleaseCandidate, Buffer>();
  for (const [release, year] of [
    [FY2018, 2018],
    [FY2019, 2019],
  ] as const) {
    const text = readFileSync(path.join(FIXTURES_DIR, `codesets/icd10cm_order_${year}.excerpt.txt`));
    texts.set(release, text);
    zips.set(release, await zipOf(`icd10cm_order_${year}.txt`, text));
  }
  const zip = (release: ReleaseCandidate) => zips.get(release)!;
  return {
    FY2018,
    FY2019,
    text: (release) => texts.get(release)!,
    zip,
    serve: (mirror, release) => {
      mirror.override(release.files[0]!.url, serveZip(zip(release)));
    },
  };
}

export function serveZip(bytes: Buffer, contentType = "application/zip"): MirrorHandler {
  return (_request, response) => {
    response
      .writeHead(200, { "content-type": contentType, "content-length": String(bytes.length) })
      .end(bytes);
  };
}
