import { type CeuCycle, ceuCycles, earliestCycleStart } from "../ceu/ceu-cycle.js";
import type { CeuLog } from "./ceu-log.js";
import type { Subscriber } from "./subscriber.js";

/**
 * A subscriber's CEU cycles as of `today`: their credentials against the entries of their CEU log
 * that fall in a current cycle (and any logged inside the subscriber item before the log had items
 * of its own). No credential, no read.
 */
export async function ceuStanding(
  subscriber: Pick<Subscriber, "subscriberId" | "credentials" | "ceus">,
  ceuLog: Pick<CeuLog, "since">,
  today: string,
): Promise<CeuCycle[]> {
  const start = earliestCycleStart(subscriber.credentials);
  if (start === undefined) return [];
  const entries = [...(subscriber.ceus ?? []), ...(await ceuLog.since(subscriber.subscriberId, start))];
  return ceuCycles(subscriber.credentials, entries, today);
}
