import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { badRequest } from "./api-error.js";

/** The `cursor` query parameter of every paginated route: long enough for a merged search's positions. */
export const cursorParameter = z.string().max(8_192).optional();

/** Bytes of HMAC-SHA256 kept: 128 bits, more than enough to make a forged cursor hopeless. */
const TAG_BYTES = 16;
const FORMAT = 1;

/**
 * The API's page cursors, one codec for every paginated route: a cursor is where a query stands
 * (DynamoDB keys of the last items read), bound to the query it was made for and signed with
 * HMAC-SHA256. A client can only pass a cursor back: one that was edited, cut short, or issued by
 * another deployment is a 400 saying so, never a DynamoDB error or a page that silently skips rows;
 * one from another search is a 400 that says to start that search again.
 *
 * Format: `base64url(JSON {v, q, p}).base64url(tag)`, where `q` fingerprints the query and `p` is the
 * route's own position (checked with the route's schema after the signature).
 */
export class PageCursors {
  private readonly key: Buffer;

  /**
   * `key`: the same for every instance serving the API (in AWS every Lambda container reads it
   * from `CODECURRENT_CURSOR_KEY`). Absent: a random key, for one process serving alone (the local
   * server, tests), whose cursors die with it.
   */
  constructor(key?: string) {
    this.key = key ? Buffer.from(key, "utf8") : randomBytes(32);
  }

  encode(fingerprint: string, position: unknown): string {
    const payload = Buffer.from(JSON.stringify({ v: FORMAT, q: fingerprint, p: position })).toString(
      "base64url",
    );
    return `${payload}.${this.tag(payload).toString("base64url")}`;
  }

  /** The position a cursor of this query holds; a 400 naming `cursor` for anything else. */
  decode<Position>(cursor: string, fingerprint: string, position: z.ZodType<Position>): Position {
    const [payload = "", tag = "", ...rest] = cursor.split(".");
    const given = Buffer.from(tag, "base64url");
    const expected = this.tag(payload);
    if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw notIssued();
    }
    let parsed: { v?: unknown; q?: unknown; p?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      throw notIssued();
    }
    if (parsed?.v !== FORMAT) throw notIssued();
    if (parsed.q !== fingerprint) {
      throw badRequest(
        "this cursor belongs to a different search: repeat the first request with the new filters",
        [{ parameter: "cursor", message: "issued for other filters" }],
      );
    }
    const result = position.safeParse(parsed.p);
    // A signed position that no longer reads is one this version of the API did not issue.
    if (!result.success) throw notIssued();
    return result.data;
  }

  private tag(payload: string): Buffer {
    return createHmac("sha256", this.key).update(payload).digest().subarray(0, TAG_BYTES);
  }
}

/** Binds a cursor to its query (a plan or filter the route builds the same way from the same parameters). */
export function queryFingerprint(query: unknown): string {
  return createHash("sha256").update(JSON.stringify(query)).digest("hex").slice(0, 16);
}

function notIssued() {
  return badRequest("invalid cursor: pass back the cursor of the previous page unchanged", [
    { parameter: "cursor", message: "not a cursor this API issued" },
  ]);
}
