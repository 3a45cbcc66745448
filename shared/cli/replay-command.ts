import type { Command } from "commander";
import type { RunRecord } from "../runs/run-record.js";
import type { CodeSetSource } from "../sources/source.js";
import type { Workspace } from "./workspace.js";

interface ReplayOptions {
  readonly source?: string;
}

/** `codecurrent replay`: collects the recorded releases of each source in order, on the local stack. */
export function registerReplayCommand(program: Command): void {
  program
    .command("replay")
    .description("Collect the recorded releases of each source, oldest first, into the local stack")
    .option("--source <id>", "only this source")
    .action(async (options: ReplayOptions) => {
      const [{ openWorkspace }, { describeRun }] = await Promise.all([
        import("./workspace.js"),
        import("./output/run-report.js"),
      ]);
      const workspace = await openWorkspace();
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

/** Replays every (or the named) source's recorded releases; returns the runs in order. */
export async function replaySources(
  workspace: Workspace,
  sourceIds: readonly string[] | undefined,
  onRun: (run: RunRecord) => void,
): Promise<RunRecord[]> {
  if (!workspace.local)
    throw new Error("replay runs on the local stack (its mirror serves the recorded releases)");
  const [
    { loadReplayManifest },
    { SOURCE_CATALOG, sourceById },
    { collectDependencies },
    { replayReleases },
    { recordedReleases },
    { writeProgress },
  ] = await Promise.all([
    import("../../infra/local/replay-manifest.js"),
    import("../sources/catalog.js"),
    import("../collect/collect-dependencies.js"),
    import("../collect/replay.js"),
    import("./recorded-releases.js"),
    import("./output/write-progress.js"),
  ]);
  const manifest = loadReplayManifest(workspace.local.fixturesDir);
  // Document sources have no recorded releases to replay: each of their runs reads the listing as it is.
  const sources = (sourceIds ? sourceIds.map(sourceById) : SOURCE_CATALOG).filter(
    (s): s is CodeSetSource => s.kind === "codeset" && manifest.sources[s.id] !== undefined,
  );
  const progress = await writeProgress();
  const deps = collectDependencies(workspace.env, workspace.clients, { onProgress: progress.update });
  const runs: RunRecord[] = [];
  try {
    for (const source of sources) {
      runs.push(
        ...(await replayReleases(source, await recordedReleases(source, manifest), deps, (run) => {
          progress.clear();
          onRun(run);
        })),
      );
    }
  } finally {
    progress.stop();
  }
  return runs;
}
