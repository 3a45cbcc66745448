import { ZipError } from "../archive/zip-error.js";
import type { FailureKind } from "../core/failure-kind.js";
import { ParseError } from "../core/parse-error.js";
import { SourceFetchError } from "../http/source-fetch-error.js";
import { RunDeadlineError } from "./run-deadline.js";
import { SanityRefusal } from "./sanity-gate.js";

/** The kind of failure an error is, read from its type (never from its message). */
export function failureOf(error: unknown): FailureKind {
  if (error instanceof SourceFetchError) {
    switch (error.reason) {
      case "bot-check":
        return "blocked";
      case "http-error":
        // A 401/403 from a publisher that serves the file to a browser is its firewall saying no.
        return error.status === 401 || error.status === 403 ? "blocked" : "unreachable";
      case "unexpected-content":
        return "parse-failed";
      case "too-large":
        return "failed";
      default:
        return "unreachable";
    }
  }
  if (error instanceof ParseError || error instanceof ZipError) return "parse-failed";
  if (error instanceof SanityRefusal) return "refused";
  if (error instanceof RunDeadlineError) return "did-not-finish";
  return "failed";
}
