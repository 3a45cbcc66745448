import type { Command } from "commander";
import type { ReleaseCandidate } from "../core/release.js";
import { type CodeSetSource, isCodeSet } from "../sources/source.js";
import type { CliContext, Workspace } from "./workspace.js";

interface CollectOptions {
  readonly source?: string;
  readonly live?: boolean;
  readonly aws?: boolean;
}

/**
 * `codecurrent collect`: one collection run per source, as the scheduled Lambda does it. Locally
 * the recorded mirror stands in for the publishers and its newest recording is "what is
 * published"; `--live` asks the publishers themselves; `--aws` stores into the deployed tables.
 */
export function registerCollectCommand(program: Command, context: CliContext): void {
  program
    .command("collect")
    .description("Run a collection for every source (or one), store what changed, print the runs")
    .option("--source <id>", "only this source")
    .option("--live", "fetch from the publishers' real URLs instead of the recorded mirror")
    .option(
      "--aws",
      "use the deployed AWS tables and bucket (CODECURRENT_* environment) instead of the local stack",
    )
    .action(async (options: CollectOptions) => {
      const [
        { openWorkspace },
        { describeRun },
        { SOURCE_CATALOG, sourceById },
        { collectDependencies },
        { collectSource },
        { writeProgress },
      ] = await Promise.all([
        import("./workspace.js"),
        import("./output/run-report.js"),
        import("../sources/catalog.js"),
        import("../collect/collect-dependencies.js"),
        import("../collect/collect-source.js"),
        import("./output/write-progress.js"),
      ]);
      const sources = options.source ? [sourceById(options.source)] : SOURCE_CATALOG;
      const workspace = await openWorkspace(context, { aws: options.aws, live: options.live });
      const progress = await writeProgress();
      try {
        const deps = collectDependencies(workspace.env, workspace.clients, { onProgress: progress.update });
        const newest = await newestRecordedRelease(workspace, options.live);
        let failed = false;
        for (const source of sources) {
          const release = isCodeSet(source) ? await newest?.(source) : undefined;
          const run = await collectSource(source, deps, release ? { release } : {});
          progress.clear();
          process.stdout.write(`${describeRun(run)}\n`);
          failed ||= run.status === "failed";
        }
        if (failed) process.exitCode = 1;
      } finally {
        progress.stop();
        await workspace.close();
      }
    });
}

async function newestRecordedRelease(
  workspace: Workspace,
  live: boolean | undefined,
): Promise<((source: CodeSetSource) => Promise<ReleaseCandidate | undefined>) | undefined> {
  if (live || !workspace.local) return undefined;
  const [{ loadReplayManifest }, { recordedReleases }] = await Promise.all([
    import("../replay/replay-manifest.js"),
    import("../replay/recorded-releases.js"),
  ]);
  const manifest = loadReplayManifest(workspace.local.fixturesDir);
  // A source that discovers its releases reads the recorded pages through the mirror itself.
  return async (source) => (source.discover ? undefined : (await recordedReleases(source, manifest)).at(-1));
}
