/**
 * What kind of failure ended a run, so an operator knows what to do without reading stack traces:
 * - `blocked`: the publisher's firewall refused us (403, a bot wall, a challenge page);
 * - `unreachable`: DNS, connection, timeout, 5xx or 429 after retries, a redirect refused;
 * - `parse-failed`: the file arrived but is not what the parser reads (layout changed, bad zip);
 * - `refused`: the sanity gate refused a release that looks broken;
 * - `did-not-finish`: the run stopped before completing (the function's time or memory ran out);
 * - `failed`: anything else (a store, a bug), said in the run's reason.
 */
export type FailureKind =
  | "blocked"
  | "unreachable"
  | "parse-failed"
  | "refused"
  | "did-not-finish"
  | "failed";

export const FAILURE_KINDS: readonly FailureKind[] = [
  "blocked",
  "unreachable",
  "parse-failed",
  "refused",
  "did-not-finish",
  "failed",
];

/** Why a run that was killed mid-way (timeout, out of memory) is closed by the next run of its source. */
export const DID_NOT_FINISH =
  "did not finish: the function stopped before completing (timeout or out of memory)";
