import type { Command } from "commander";
import { plainDiffArguments, registerDiffCommand, runDiff } from "./diff-command.js";
import { ExitCode, failureOf } from "./exit-codes.js";
import type { CliContext } from "./workspace.js";

/**
 * Every command registers itself from its own file: `register…(program)` declares its options and
 * imports its real work inside the action, so `codecurrent diff` never loads the AWS SDK and each
 * command starts as fast as commander does. Add a command by adding its register function here.
 * The other commands' files are loaded with commander, only when it parses the command line.
 */
const COMMANDS: readonly (() => Promise<(program: Command, context: CliContext) => void>)[] = [
  async () => registerDiffCommand,
  async () => (await import("./collect-command.js")).registerCollectCommand,
  async () => (await import("./replay-command.js")).registerReplayCommand,
  async () => (await import("./changes-command.js")).registerChangesCommand,
  async () => (await import("./subscribers-command.js")).registerSubscribersCommand,
  async () => (await import("./digest-command.js")).registerDigestCommand,
];

export async function main(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  try {
    // A plain `codecurrent diff` runs without loading commander at all: scripts diff release
    // after release, and commander with its child_process import is a tenth of an ICD-10 diff.
    const plain = plainDiffArguments(argv.slice(2));
    if (plain) {
      await runDiff(plain.oldPath, plain.newPath, plain.options);
      return ExitCode.ok;
    }
    const [{ Command }, ...registers] = await Promise.all([
      import("commander"),
      ...COMMANDS.map((command) => command()),
    ]);
    const program = new Command("codecurrent")
      .description("Watches CMS code sets and tells coders what changed.")
      .exitOverride()
      .showHelpAfterError("(run codecurrent help for usage)");
    for (const register of registers) register(program, context);
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    const failure = failureOf(error);
    if (failure.message) process.stderr.write(`${failure.message}\n`);
    return failure.code;
  }
}
