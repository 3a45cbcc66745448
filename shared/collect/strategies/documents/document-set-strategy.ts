import { type CodeSetSnapshot, keyOf } from "../../../core/snapshot.js";
import { sha256Hex } from "../../../evidence/evidence-archive.js";
import type { DocumentSource } from "../../../sources/source.js";
import type { CollectionStrategy, ObtainedRelease, RunContext } from "../../collection-strategy.js";
import { storedSnapshot } from "../../stored-snapshot.js";
import { compareSnapshots } from "../codeset/code-set-strategy.js";

/** A document set as listed now, with the current set it was read against. */
interface ListedDocuments extends ObtainedRelease {
  readonly snapshot: CodeSetSnapshot;
  readonly current?: CodeSetSnapshot;
}

/**
 * Document sets (Federal Register rules, transmittals, feeds, the OIG Work Plan): a publisher has
 * no versions, only what it lists now. Each run reads the listing against the current set (so
 * detail pages are fetched for new documents only), and anything that differs in its meaningful
 * content is a release labelled by the moment it was read.
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
    if (current && current.evidence.sha256 === identity) {
      return { status: "unchanged", reason: "no new or changed documents", version: current.version };
    }
    return {
      status: "obtained",
      release: await labelOf(source, identity, startedAt, options.replayLabel, deps),
      files: gathered.responses,
      identity,
      comparedWith: current ? { release: current } : {},
      snapshot,
      ...(currentSnapshot ? { current: currentSnapshot } : {}),
    };
  },

  // The current set was read to gather against: compared as read, not fetched again.
  compare: async (source, { snapshot, current }) => compareSnapshots(snapshot, current, source.rules),
};

/**
 * A document set has no publisher version: a release is labelled by the moment it was read (a
 * replayed recording by the moment it records). A run that died after claiming the same content
 * left its label on a pending release: the retry takes it, so it claims the same release and
 * rewrites the same change items instead of writing them again under another label.
 */
async function labelOf(
  source: DocumentSource,
  identity: string,
  startedAt: Date,
  replayLabel: string | undefined,
  deps: RunContext["deps"],
): Promise<{ version: string; effectiveDate: string }> {
  const pending = (await deps.releases.releases(source.id)).find(
    (release) => release.status === "pending" && release.evidence.sha256 === identity,
  );
  if (pending) return { version: pending.version, effectiveDate: pending.effectiveDate };
  const at = startedAt.toISOString();
  return { version: replayLabel ?? `${at.slice(0, 19)}Z`, effectiveDate: at.slice(0, 10) };
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
