import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type EvidenceArchive, rawKey, sha256Hex, snapshotKey } from "./evidence-archive.js";

/** The evidence archive in an S3 bucket (versioned, moved to Glacier Instant Retrieval with age). */
export class S3EvidenceArchive implements EvidenceArchive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putRaw(sourceId: string, bytes: Buffer, meta: { url: string; fetchedAt: string }): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const key = rawKey(sourceId, sha256);
    await this.putOnce(key, bytes, {
      // S3 metadata must be ASCII; URLs are percent-encoded already.
      "source-url": encodeURI(decodeURI(meta.url)),
      "fetched-at": meta.fetchedAt,
      sha256,
    });
    return key;
  }

  async putSnapshot(sourceId: string, encoded: Buffer): Promise<string> {
    const key = snapshotKey(sourceId, sha256Hex(encoded));
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
