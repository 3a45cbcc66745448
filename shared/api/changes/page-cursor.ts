import { createHash } from "node:crypto";
import { z } from "zod";
import { badRequest } from "../http/api-error.js";

/** Where one merged index query stands: resume after `key`, from the start (`{}`), or `done`. */
export type StreamPosition = { readonly key?: Record<string, unknown> } | { readonly done: true };

const Cursor = z.object({
  v: z.literal(1),
  /** Fingerprint of the query the cursor was made for. */
  q: z.string(),
  s: z.array(
    z.union([
      z.object({ done: z.literal(true) }),
      z.object({ key: z.record(z.string(), z.unknown()).optional() }),
    ]),
  ),
});

/**
 * An opaque cursor over merged index queries: one position per query, bound to the query it was
 * made for, so a cursor pasted into another search is refused instead of silently skipping rows.
 */
export function encodeCursor(fingerprint: string, positions: readonly StreamPosition[]): string {
  return Buffer.from(JSON.stringify({ v: 1, q: fingerprint, s: positions })).toString("base64url");
}

export function decodeCursor(cursor: string, fingerprint: string, streams: number): StreamPosition[] {
  let parsed: z.infer<typeof Cursor>;
  try {
    parsed = Cursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw badRequest("invalid cursor: pass back the cursor of the previous page unchanged", [
      { parameter: "cursor", message: "not a cursor this API issued" },
    ]);
  }
  if (parsed.q !== fingerprint || parsed.s.length !== streams) {
    throw badRequest(
      "this cursor belongs to a different search: repeat the first request with the new filters",
      [{ parameter: "cursor", message: "issued for other filters" }],
    );
  }
  return parsed.s;
}

export function queryFingerprint(plan: unknown): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex").slice(0, 16);
}
