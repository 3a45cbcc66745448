import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "#shared/api/http/api-error.js";
import { PageCursors, queryFingerprint } from "#shared/api/http/page-cursor.js";

const Position = z.object({ day: z.string(), key: z.record(z.string(), z.unknown()).optional() });
const cursors = new PageCursors("a key shared by every container");
const search = queryFingerprint({ sourceId: "icd10cm", from: "2026-01-01", to: "2026-01-31" });
const position = { day: "2026-01-17", key: { sourceId: "icd10cm", runKey: "2026-01-17T11:45:00Z#r1" } };

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected the cursor to be refused");
}

describe("page cursors", () => {
  it("hand back the position they were made with, under the same key in another instance", () => {
    const cursor = cursors.encode(search, position);
    expect(new PageCursors("a key shared by every container").decode(cursor, search, Position)).toEqual(
      position,
    );
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["an edited position", (c: string) => c.replace(/^[A-Za-z0-9_-]{4}/, "AAAA")],
    [
      "an edited signature",
      (c: string) => {
        const dot = c.indexOf(".");
        return `${c.slice(0, dot + 1)}${c[dot + 1] === "A" ? "B" : "A"}${c.slice(dot + 2)}`;
      },
    ],
    ["a cut-off cursor", (c: string) => c.slice(0, c.indexOf("."))],
    [
      "no signature",
      () => Buffer.from(JSON.stringify({ v: 1, q: search, p: position })).toString("base64url"),
    ],
    ["garbage", () => "not-a-cursor"],
  ])("refuse %s with a 400 naming the cursor", (_, tamper) => {
    const error = refusal(() => cursors.decode(tamper(cursors.encode(search, position)), search, Position));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/pass back the cursor of the previous page unchanged/);
    expect(error.issues).toEqual([{ parameter: "cursor", message: "not a cursor this API issued" }]);
  });

  it("refuse a cursor signed with another key (another deployment)", () => {
    const foreign = new PageCursors("another deployment's key").encode(search, position);
    expect(refusal(() => cursors.decode(foreign, search, Position)).status).toBe(400);
  });

  it("refuse a cursor of another search, saying to start that search again", () => {
    const other = queryFingerprint({ sourceId: "hcpcs", from: "2026-01-01", to: "2026-01-31" });
    const error = refusal(() => cursors.decode(cursors.encode(search, position), other, Position));
    expect(error.message).toMatch(/different search/);
    expect(error.issues).toEqual([{ parameter: "cursor", message: "issued for other filters" }]);
  });

  it("refuse a signed position the route cannot read", () => {
    const cursor = cursors.encode(search, { day: 17 });
    expect(refusal(() => cursors.decode(cursor, search, Position)).status).toBe(400);
  });

  it("without a shared key, sign with a key of their own that no other instance accepts", () => {
    const cursor = new PageCursors().encode(search, position);
    expect(refusal(() => new PageCursors().decode(cursor, search, Position)).status).toBe(400);
  });
});
