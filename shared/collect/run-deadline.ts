/**
 * Thrown when a run would outlive the time it was given (the Lambda's remaining time, less a
 * margin to record the outcome): the run ends as a failed run with a record, instead of being
 * killed mid-write with none.
 */
export class RunDeadlineError extends Error {
  override readonly name = "RunDeadlineError";
}

/** When a run must stop, and the check the pipeline makes between steps and in long loops. */
export interface RunDeadline {
  /** Throws `RunDeadlineError` once the deadline has passed, naming the step it stopped before. */
  check(step: string): void;
}

/** No deadline (local runs, the CLI). */
export const NO_DEADLINE: RunDeadline = { check: () => {} };

/**
 * Time kept back from the Lambda's remaining time: enough to write the failed run record, note the
 * source's state and send an operator alert after the run stops itself.
 */
export const DEADLINE_MARGIN_MS = 20_000;

/** The deadline of a run given `remainingMs` (Lambda's `context.getRemainingTimeInMillis()`). */
export function deadlineIn(remainingMs: number, now: () => Date = () => new Date()): RunDeadline {
  return deadlineAt(now().getTime() + Math.max(0, remainingMs - DEADLINE_MARGIN_MS), now);
}

/** A deadline at `at` (epoch ms), read on `now`. */
export function deadlineAt(at: number, now: () => Date = () => new Date()): RunDeadline {
  return {
    check(step) {
      if (now().getTime() >= at)
        throw new RunDeadlineError(
          `stopped before ${step}: the function's time was about to run out (deadline ${new Date(at).toISOString()}); the next run starts again`,
        );
    },
  };
}
