import type { ReleaseFile } from "../core/release.js";

/** One part of an NCCI table as the CMS page announces it. */
export interface NcciPartFile extends ReleaseFile {
  /** Records the link text announces: a part that parses to another count was cut short or mixed up. */
  readonly announcedRecords?: number;
  /** e.g. `0001A/0591T -- 25441/G0471`. */
  readonly codeRange?: string;
}

export function announcedRecordsOf(file: ReleaseFile | undefined): number | undefined {
  return (file as NcciPartFile | undefined)?.announcedRecords;
}
