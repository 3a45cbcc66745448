import type { PublisherCounts } from "../core/publisher-counts.js";
import { type CodeSetSnapshot, fieldsOf } from "../core/snapshot.js";
import { HCPCS } from "./hcpcs-file.js";

const ACTION = HCPCS.fields.indexOf("actionCode");

/**
 * What an HCPCS file says about its own update: its ACTION CD column marks each code CMS added
 * (A) or discontinued (D) in it (CMS's 2018 record layout: B, C, F, P, S, T are edits, N no
 * maintenance, R a code reactivated, counted with the additions). Against the release just before
 * it, a diff must find exactly these.
 */
export function actionCodeCounts(snapshot: CodeSetSnapshot): PublisherCounts {
  let added = 0;
  let deleted = 0;
  for (const line of snapshot.lines) {
    const action = fieldsOf(line)[ACTION];
    if (action === "A" || action === "R") added++;
    else if (action === "D") deleted++;
  }
  return { added, deleted, source: "action-codes" };
}
