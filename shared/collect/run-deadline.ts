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
  /**
   * Aborts at the deadline (with a `RunDeadlineError`): handed to every request to a publisher, so
   * a slow download or a retry's wait stops there too instead of outliving the function.
   */
  readonly signal?: AbortSignal;
}

/** No deadline (local runs, the CLI). */
export const NO_DEADLINE: RunDeadline = { check: () => {} };

/**
 * Time kept back from the Lambda's remaining time: enough to write the failed run record, note the
 * source's state and send an operator alert after the run stops itself.
 */
export const DEADLINE_MARGIN_MS = 20_000;

/**
 * The deadline of a run given `remainingMs` (Lambda's `context.getRemainingTimeInMillis()`), on the
 * real clock: checked between steps, and aborting any request to a publisher still open then.
 */
export function deadlineIn(remainingMs: number): RunDeadline {
  const budget = Math.max(0, remainingMs - DEADLINE_MARGIN_MS);
  const deadline = deadlineAt(Date.now() + budget);
  const controller = new AbortController();
  // unref: a run that finishes in time leaves no timer keeping the process alive.
  setTimeout(() => {
    try {
      deadline.check("waiting on a publisher");
    } catch (error) {
      controller.abort(error);
    }
  }, budget).unref();
  return { ...deadline, signal: controller.signal };
}

/** A deadline at `at` (epoch ms), checked on `now` (a test's clock, or the real one). */
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
