/**
 * The `codecurrent` command (bin/codecurrent.mjs runs its bundle, built by bin/build.mjs): the
 * commands of shared/cli/, with this folder's local stack as their default workspace. The stack is
 * imported only by a command that starts one, so `codecurrent diff` never loads the emulators.
 */
import { main } from "#shared/cli/main.js";

// Exit by exit code, never process.exit(): a large report piped to stdout must be written out first.
process.exitCode = await main(process.argv, {
  startLocalStack: async (options) => (await import("./local-stack.js")).startLocalStack(options),
});
