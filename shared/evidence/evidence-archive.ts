import { createHash } from "node:crypto";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Raw payloads and parsed snapshots in S3, keyed by their sha256: writing the same bytes twice
 * is a no-op, and a key proves what was stored under it.
 */
export class EvidenceArchive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  rawKey(sourceId: string, sha256: string): string {
    return `raw/${sourceId}/${sha256}`;
  }

  snapshotKey(sourceId: string, sha256: string): string {
    return `snapshots/${sourceId}/${sha256}.tsv.gz`;
  }

  /** Archives a publisher's bytes; returns the key. */
  async putRaw(sourceId: string, bytes: Buffer, meta: { url: string; fetchedAt: string }): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const key = this.rawKey(sourceId, sha256);
    await this.putOnce(key, bytes, {
      // S3 metadata must be ASCII; URLs are percent-encoded already.
      "source-url": encodeURI(decodeURI(meta.url)),
      "fetched-at": meta.fetchedAt,
      sha256,
    });
    return key;
  }

  /** Archives an encoded snapshot; returns the key. */
  async putSnapshot(sourceId: string, encoded: Buffer): Promise<string> {
    const key = this.snapshotKey(sourceId, sha256Hex(encoded));
    await this.putOnce(key, encoded, {});
    return key;
  }

  async get(key: string): Promise<Buffer> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!object.Body) throw new Error(`archive object ${key} has no body`);
    return Buffer.from(await object.Body.transformToByteArray());
  }

  private async putOnce(key: string, body: Buffer, metadata: Record<string, string>): Promise<void> {
    if (await this.exists(key)) return;
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        Metadata: metadata,
      }),
    );
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "NotFound") return false;
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  }
}
