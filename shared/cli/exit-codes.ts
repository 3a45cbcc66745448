import type { CommanderError } from "commander";
import { ParseError } from "../core/parse-error.js";

/** What `codecurrent` exits with: scripts and schedulers branch on these. */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  input: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A file the user named cannot be read as a release: their input, not a bug (exit 3). */
export class InputError extends Error {
  override readonly name = "InputError";
}

/** A value given on the command line that cannot be used (a date that does not exist, an unknown credential): exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** The exit code for a failure, and the one line said about it on stderr (no stack for the user's own mistakes). */
export function failureOf(error: unknown): { code: ExitCode; message?: string } {
  // Recognised by shape, not instanceof: a plain `diff` never loads commander, and this file must not make it.
  if (isCommanderError(error)) {
    // Commander has already printed usage errors, help and the version.
    const quiet = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code);
    return { code: quiet ? ExitCode.ok : ExitCode.usage };
  }
  if (error instanceof UsageError) return { code: ExitCode.usage, message: `codecurrent: ${error.message}` };
  if (error instanceof ParseError || error instanceof InputError) {
    return { code: ExitCode.input, message: `codecurrent: ${error.message}` };
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: ExitCode.unexpected, message: `codecurrent: unexpected error: ${detail}` };
}

/** Every CommanderError carries a `commander.…` code (its class name may be renamed by the bundler). */
function isCommanderError(error: unknown): error is CommanderError {
  return error instanceof Error && String((error as { code?: unknown }).code).startsWith("commander.");
}
