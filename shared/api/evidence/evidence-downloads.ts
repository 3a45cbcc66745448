import {
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { rawKey } from "../../evidence/evidence-archive.js";

/** How long a download link works: long enough to click, short enough not to be worth sharing. */
export const DOWNLOAD_LINK_SECONDS = 300;

export interface EvidenceDownload {
  readonly sourceId: string;
  readonly sha256: string;
  readonly sourceUrl?: string;
  readonly fetchedAt?: string;
  readonly bytes?: number;
  readonly fileName: string;
  /** A short-lived, signed S3 link to the archived file itself. */
  readonly url: string;
  readonly expiresAt: string;
}

/**
 * Archived raw files are handed out as signed S3 links rather than through the API: a code-set
 * zip is several megabytes, past what a Lambda response may carry, and S3 serves it faster.
 */
export class EvidenceDownloads {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /** `undefined` when nothing is archived under that source and sha256. */
  async link(sourceId: string, sha256: string, now = new Date()): Promise<EvidenceDownload | undefined> {
    const key = rawKey(sourceId, sha256);
    const head = await this.head(key);
    if (!head) return undefined;
    const sourceUrl = head.Metadata?.["source-url"];
    const fileName = fileNameOf(sourceUrl, sourceId, sha256);
    const url = await getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${fileName}"`,
      }),
      { expiresIn: DOWNLOAD_LINK_SECONDS },
    );
    return {
      sourceId,
      sha256,
      ...(sourceUrl ? { sourceUrl } : {}),
      ...(head.Metadata?.["fetched-at"] ? { fetchedAt: head.Metadata["fetched-at"] } : {}),
      ...(head.ContentLength === undefined ? {} : { bytes: head.ContentLength }),
      fileName,
      url,
      expiresAt: new Date(now.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
    };
  }

  private async head(key: string): Promise<HeadObjectCommandOutput | undefined> {
    try {
      return await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if ((error as { name?: string }).name === "NotFound" || status === 404) return undefined;
      throw error;
    }
  }
}

/** The publisher's own file name (`2019-code-descriptions-tabular-order.zip`), safe for a header. */
function fileNameOf(sourceUrl: string | undefined, sourceId: string, sha256: string): string {
  let last = "";
  try {
    last = sourceUrl ? decodeURIComponent(new URL(sourceUrl).pathname.split("/").pop() ?? "") : "";
  } catch {
    // A URL that does not parse still leaves the fallback name below.
  }
  const safe = last.replace(/[^A-Za-z0-9._-]/g, "_");
  return safe.length > 0 ? safe : `${sourceId}-${sha256.slice(0, 12)}`;
}
