import { readAddendaCounts } from "../codesets/icd10-addenda.js";
import { parseIcd10OrderFile } from "../codesets/icd10-order-file.js";
import {
  addendaEntry,
  addendaOf,
  type OrderFilePrefix,
  orderFileEntry,
  orderFileOf,
} from "../codesets/icd10-release-entries.js";
import { expectCodeSet } from "../codesets/recognise-code-set.js";
import type { CodeSystemRules } from "../core/code-system.js";
import type { PublisherCounts } from "../core/publisher-counts.js";
import type { ReleaseCandidate, ReleasePayload } from "../core/release.js";
import type { CodeSetSnapshot } from "../core/snapshot.js";

/** How an ICD-10 order-file release is read: which zip entries, and the order file among them. */
export interface OrderFileRelease {
  readonly entryPatterns: readonly RegExp[];
  readonly companionPatterns: readonly RegExp[];
  parse(payloads: readonly ReleasePayload[], release: ReleaseCandidate): Promise<CodeSetSnapshot>;
  publisherCounts(payloads: readonly ReleasePayload[]): PublisherCounts | undefined;
}

export function orderFileRelease(prefix: OrderFilePrefix, rules: CodeSystemRules): OrderFileRelease {
  return {
    entryPatterns: orderFileEntry(prefix),
    companionPatterns: addendaEntry(prefix),
    async parse(payloads, release) {
      const order = orderFileOf(payloads, rules);
      await expectCodeSet(order, prefix, rules.label);
      return parseIcd10OrderFile(order, rules, release.version);
    },
    publisherCounts(payloads) {
      const addenda = addendaOf(payloads);
      return addenda ? readAddendaCounts(addenda) : undefined;
    },
  };
}
