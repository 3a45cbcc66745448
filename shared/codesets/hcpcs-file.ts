// STUB — replaced by the parser implementation.
import type { ReleasePayload } from "../sources/source.js";
import type { CodeSetSnapshot } from "./snapshot.js";

export function parseHcpcsFile(_p: ReleasePayload, _version: string): CodeSetSnapshot {
  throw new Error("not implemented");
}
