import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { useLocalStack } from "../support/local-stack.js";

const local = useLocalStack();

describe("S3 stand-in (s3rver)", () => {
  it("has the archive bucket named in the stack's environment", async () => {
    await expect(
      local.clients.s3.send(new HeadBucketCommand({ Bucket: local.env.archiveBucket })),
    ).resolves.toBeDefined();
  });

  it("returns the bytes put in the archive bucket, byte for byte", async () => {
    // Bytes that a text round trip would damage: a BOM, Latin-1, CRLF and NUL.
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Ménière\r\n\0end", "latin1")]);
    const key = `raw/${createHash("sha256").update(body).digest("hex")}`;
    await local.clients.s3.send(
      new PutObjectCommand({
        Bucket: local.env.archiveBucket,
        Key: key,
        Body: body,
        ContentType: "text/plain",
      }),
    );

    const got = await local.clients.s3.send(
      new GetObjectCommand({ Bucket: local.env.archiveBucket, Key: key }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(body);
    expect(got.ContentType).toBe("text/plain");
  });

  it("accepts a streamed upload of known length", async () => {
    const body = Buffer.alloc(256 * 1024, "A");
    await local.clients.s3.send(
      new PutObjectCommand({
        Bucket: local.env.archiveBucket,
        Key: "raw/streamed",
        Body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]),
        ContentLength: body.length,
      }),
    );
    const got = await local.clients.s3.send(
      new GetObjectCommand({ Bucket: local.env.archiveBucket, Key: "raw/streamed" }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it("answers NoSuchKey for an object never put", async () => {
    await expect(
      local.clients.s3.send(new GetObjectCommand({ Bucket: local.env.archiveBucket, Key: "raw/absent" })),
    ).rejects.toBeInstanceOf(NoSuchKey);
  });
});
