import type { SignUpQueue, SignUpRequest } from "./sign-up-request.js";

/**
 * Local runs have no SQS: a request is handled in the background of the same process, after the
 * form has been answered, so the form behaves as in AWS (the same answer at once, mail later).
 * `settled()` waits for what is under way (tests, and a clean exit).
 */
export class InProcessSignUpQueue implements SignUpQueue {
  private readonly running = new Set<Promise<void>>();
  /** Failures, by request kind (never the address). */
  readonly failures: string[] = [];

  constructor(private readonly handle: (request: SignUpRequest) => Promise<unknown>) {}

  async enqueue(request: SignUpRequest): Promise<void> {
    const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.handle(request))
      .then(
        () => undefined,
        (error: unknown) => {
          this.failures.push(`${request.kind}: ${error instanceof Error ? error.message : String(error)}`);
        },
      )
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
