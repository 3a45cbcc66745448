import type { MirrorHandler } from "./source-mirror.js";

/**
 * Ways a publisher misbehaves, as mirror overrides, so tests can show what a collector does when
 * CMS's site errors, stalls or cuts a download short.
 */

/** Answers with an error status, as a site under maintenance or a broken CDN does. */
export function respondWithStatus(
  status: number,
  body = `recorded failure: HTTP ${status}\n`,
): MirrorHandler {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(body);
  };
}

/** Accepts the request and never answers; the mirror's stop() closes the connection. */
export function neverRespond(): MirrorHandler {
  return () => {};
}

/**
 * Sends a complete, well-formed HTTP response whose body is only the first `fraction` of the
 * recording: a cut-off zip that only the archive's own structure can reveal.
 */
export function serveTruncated(fraction = 0.5): MirrorHandler {
  return async (_request, response, recorded) => {
    const file = await recorded();
    if (file === undefined) throw new Error("serveTruncated needs a recorded file at this path");
    const body = file.body.subarray(0, Math.floor(file.body.length * fraction));
    response
      .writeHead(200, { "content-type": file.contentType, "content-length": String(body.length) })
      .end(body);
  };
}

/**
 * Announces the full length, sends part of the body and drops the connection, as a reset
 * mid-download does: the client sees a premature end, not a short file.
 */
export function dropMidway(fraction = 0.5): MirrorHandler {
  return async (_request, response, recorded) => {
    const file = await recorded();
    if (file === undefined) throw new Error("dropMidway needs a recorded file at this path");
    response.writeHead(200, { "content-type": file.contentType, "content-length": String(file.body.length) });
    response.write(file.body.subarray(0, Math.floor(file.body.length * fraction)), () => response.destroy());
  };
}
