import { createHash } from "node:crypto";
import type { DocumentRequest, FetchDocument } from "#shared/sources/source.js";

/** A publisher that answers from a table of URL → body, and remembers what was asked. */
export function recordedFetch(
  answers: Record<string, Buffer | string>,
): FetchDocument & { asked: DocumentRequest[] } {
  const asked: DocumentRequest[] = [];
  const fetch = async (request: DocumentRequest) => {
    asked.push(request);
    const answer = answers[request.url];
    if (answer === undefined) throw new Error(`not recorded: ${request.url}`);
    const bytes = Buffer.from(answer);
    return {
      url: request.url,
      fetchedAt: "2026-08-25T12:00:00.000Z",
      bytes,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    };
  };
  return Object.assign(fetch, { asked });
}
