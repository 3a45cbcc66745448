import { type EvidenceArchive, rawKey, sha256Hex, snapshotKey } from "#shared/evidence/evidence-archive.js";
import { Faults } from "./faults.js";

/** The evidence archive in memory, keyed as the S3 archive keys it. */
export class InMemoryEvidenceArchive implements EvidenceArchive {
  readonly objects = new Map<string, Buffer>();

  constructor(private readonly faults = new Faults()) {}

  async putRaw(sourceId: string, bytes: Buffer): Promise<string> {
    await this.faults.at("archive.putRaw");
    const key = rawKey(sourceId, sha256Hex(bytes));
    if (!this.objects.has(key)) this.objects.set(key, Buffer.from(bytes));
    return key;
  }

  async putSnapshot(sourceId: string, encoded: Buffer): Promise<string> {
    await this.faults.at("archive.putSnapshot");
    const key = snapshotKey(sourceId, sha256Hex(encoded));
    if (!this.objects.has(key)) this.objects.set(key, Buffer.from(encoded));
    return key;
  }

  async get(key: string): Promise<Buffer> {
    await this.faults.at("archive.get");
    const bytes = this.objects.get(key);
    if (!bytes) throw new Error(`archive object ${key} does not exist`);
    return Buffer.from(bytes);
  }
}
