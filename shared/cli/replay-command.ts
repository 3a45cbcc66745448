import type { Command } from "commander";
import type { RunRecord } from "../runs/run-record.js";
import { isCodeSet } from "../sources/source.js";
import type { CliContext, Workspace } from "./workspace.js";

interface ReplayOptions {
  readonly source?: string;
}

/** `codecurrent replay`: collects the recorded releases of each source in order, on the local stack. */
export function registerReplayCommand(program: Command, context: CliContext): void {
  program
    .command("replay")
    .description("Collect the recorded releases of each source, oldest first, into the local stack")
    .option("--source <id>", "only this source")
    .action(async (options: ReplayOptions) => {
      const [{ openWorkspace }, { describeRun }] = await Promise.all([
        import("./workspace.js"),
        import("./output/run-report.js"),
      ]);
      const workspace = await openWorkspace(context);
      try {
        const runs = await replaySources(workspace, options.source ? [options.source] : undefined, (run) =>
          process.stdout.write(`${describeRun(run)}\n`),
        );
        if (runs.some((run) => run.status === "failed")) process.exitCode = 1;
      } finally {
        await workspace.close();
      }
    });
}

/** Replays every (or the named) source's recorded releases and document snapshots; returns the runs in order. */
export async function replaySources(
  workspace: Workspace,
  sourceIds: readonly string[] | undefined,
  onRun: (run: RunRecord) => void,
): Promise<RunRecord[]> {
  if (!workspace.local)
    throw new Error("replay runs on the local stack (its mirror serves the recorded releases)");
  const [
    { loadReplayManifest, snapshotPrefix },
    { SOURCE_CATALOG, sourceById },
    { collectDependencies },
    { replayReleases, replayDocumentSnapshots },
    { recordedReleases },
    { writeProgress },
  ] = await Promise.all([
    import("../replay/replay-manifest.js"),
    import("../sources/catalog.js"),
    import("../collect/collect-dependencies.js"),
    import("../collect/replay.js"),
    import("../replay/recorded-releases.js"),
    import("./output/write-progress.js"),
  ]);
  const manifest = loadReplayManifest(workspace.local.fixturesDir);
  const sources = sourceIds ? sourceIds.map(sourceById) : SOURCE_CATALOG;
  const progress = await writeProgress();
  const deps = collectDependencies(workspace.env, workspace.clients, { onProgress: progress.update });
  const report = (run: RunRecord) => {
    progress.clear();
    onRun(run);
  };
  const runs: RunRecord[] = [];
  try {
    for (const source of sources) {
      if (isCodeSet(source)) {
        // A source that finds its releases on the publishers' pages finds them on the recorded
        // pages the mirror serves, never from the manifest's addresses.
        const recorded = source.discover
          ? (await source.discover(new Date(), { fetchText: deps.fetchDocument })).releases
          : await recordedReleases(source, manifest);
        runs.push(...(await replayReleases(source, recorded, deps, report)));
        continue;
      }
      const mirror = workspace.env.sourceMirror;
      const snapshots = manifest.documents[source.id] ?? [];
      if (!mirror || snapshots.length === 0) continue;
      // Each recorded moment is served under its own prefix: point the fetcher there for that step.
      const steps = snapshots.map((snapshot) => ({
        label: snapshot.label,
        deps: collectDependencies(
          { ...workspace.env, sourceMirror: `${mirror}${snapshotPrefix(snapshot.label)}` },
          workspace.clients,
          { onProgress: progress.update },
        ),
      }));
      runs.push(...(await replayDocumentSnapshots(source, steps, deps.releases, report)));
    }
  } finally {
    progress.stop();
  }
  return runs;
}
