import type { CodeSystemRules } from "../../../core/code-system.js";
import { type CodeSetSnapshot, fieldsOf, keyOf } from "../../../core/snapshot.js";
import { sha256Hex } from "../../../evidence/evidence-archive.js";
import { identityOf } from "../../../releases/release-record.js";
import type { DocumentSource } from "../../../sources/source.js";
import type { CollectionStrategy, ObtainedRelease } from "../../collection-strategy.js";
import { storedSnapshot } from "../../stored-snapshot.js";
import { compareSnapshots } from "../codeset/code-set-strategy.js";

/** A document set as listed now, with the current set it was read against. */
interface ListedDocuments extends ObtainedRelease {
  readonly snapshot: CodeSetSnapshot;
  readonly current?: CodeSetSnapshot;
  readonly describedBy?: ReadonlyMap<string, readonly number[]>;
}

/**
 * Document sets (Federal Register rules, transmittals, feeds, the OIG Work Plan): a publisher has
 * no versions, only what it lists now. Each run reads the listing against the current set (so
 * detail pages are fetched for new documents only), and anything that differs in its meaningful
 * content is a release named by that content: a retried run, or two runs that overlap, read the
 * same documents into the same release and so write the same change items, never new ones.
 */
export const documentSetStrategy: CollectionStrategy<DocumentSource, ListedDocuments> = {
  async obtain(source, { state, startedAt, options, deps }) {
    const current = state.currentReleaseKey
      ? await deps.releases.release(source.id, `RELEASE#${state.currentReleaseKey}`)
      : undefined;
    const currentSnapshot = current ? await storedSnapshot(deps.archive, current) : undefined;
    const gathered = await source.gather({
      now: startedAt,
      fetch: deps.fetchDocument,
      known: new Set((currentSnapshot?.lines ?? []).map(keyOf)),
      ...(currentSnapshot ? { previous: currentSnapshot } : {}),
    });
    // A feed shows recent items only: items that scrolled out of it are carried over, not deleted.
    const snapshot =
      source.coverage === "window" && currentSnapshot && gathered.snapshot.lines.length > 0
        ? carryOver(currentSnapshot, gathered.snapshot)
        : gathered.snapshot;
    const identity = sha256Hex(Buffer.from(snapshot.lines.join("\n")));
    if (current && identityOf(current) === identity) {
      return { status: "unchanged", reason: "no new or changed documents", version: current.version };
    }
    return {
      status: "obtained",
      release: releaseOf(source.rules, snapshot, identity, options.replayLabel),
      files: gathered.responses,
      identity,
      comparedWith: current ? { release: current } : {},
      snapshot,
      ...(currentSnapshot ? { current: currentSnapshot } : {}),
      ...(gathered.describedBy ? { describedBy: gathered.describedBy } : {}),
    };
  },

  // The current set was read to gather against: compared as read, not fetched again.
  compare: async (source, { snapshot, current, describedBy }) => ({
    ...compareSnapshots(snapshot, current, source.rules),
    ...(describedBy ? { filesOfChange: (change) => describedBy.get(change.key) ?? [] } : {}),
  }),
};

/**
 * A document set has no publisher version: its release is named by its content — dated by the
 * newest document it lists (the publisher's own date) and told apart by the content's hash — never
 * by the moment it was read. The same documents read again, by a retry the next day or by a run
 * overlapping this one, are the same release. A replayed recording keeps its label as version.
 */
function releaseOf(
  rules: CodeSystemRules,
  snapshot: CodeSetSnapshot,
  identity: string,
  replayLabel: string | undefined,
): { version: string; effectiveDate: string } {
  const newest = newestListing(rules, snapshot);
  const version = replayLabel ?? `${newest || "undated"} ${identity.slice(0, 8)}`;
  return { version, effectiveDate: newest };
}

function newestListing(rules: CodeSystemRules, snapshot: CodeSetSnapshot): string {
  if (!rules.listedOn) return "";
  let newest = "";
  for (const line of snapshot.lines) {
    const values = fieldsOf(line);
    const date = rules.listedOn(Object.fromEntries(rules.fields.map((field, i) => [field, values[i] ?? ""])));
    if (date > newest) newest = date;
  }
  return newest;
}

/** The current window plus every earlier document that is no longer listed, sorted by key. */
function carryOver(previous: CodeSetSnapshot, current: CodeSetSnapshot): CodeSetSnapshot {
  const listed = new Set(current.lines.map(keyOf));
  const lines = [...current.lines, ...previous.lines.filter((line) => !listed.has(keyOf(line)))];
  lines.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { ...current, lines };
}
