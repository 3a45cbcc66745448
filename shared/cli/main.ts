import { Command } from "commander";
import { registerChangesCommand } from "./changes-command.js";
import { registerCollectCommand } from "./collect-command.js";
import { registerDiffCommand } from "./diff-command.js";
import { ExitCode, failureOf } from "./exit-codes.js";
import { registerReplayCommand } from "./replay-command.js";

/**
 * Every command registers itself from its own file: `register…(program)` declares its options and
 * imports its real work inside the action, so `codecurrent diff` never loads the AWS SDK and each
 * command starts as fast as commander does. Add a command by adding its register function here.
 */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerDiffCommand,
  registerCollectCommand,
  registerReplayCommand,
  registerChangesCommand,
];

export async function main(argv: readonly string[]): Promise<ExitCode> {
  const program = new Command("codecurrent")
    .description("Watches CMS code sets and tells coders what changed.")
    .exitOverride()
    .showHelpAfterError("(run codecurrent help for usage)");
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    const failure = failureOf(error);
    if (failure.message) process.stderr.write(`${failure.message}\n`);
    return failure.code;
  }
}

// Exit by exit code, never process.exit(): a large report piped to stdout must be written out first.
process.exitCode = await main(process.argv);
