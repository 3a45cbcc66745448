/**
 * Counts every operation the in-memory stores, the download and the fetch are asked for, and
 * throws at the `failAt`-th one (1-based): a run that dies there, wherever "there" is.
 */
export class Faults {
  private count = 0;
  /** Every operation asked for, in order, the failing one included. */
  readonly operations: string[] = [];

  constructor(private failAt?: number) {}

  async at(operation: string): Promise<void> {
    this.count += 1;
    this.operations.push(operation);
    if (this.count === this.failAt)
      throw new Error(`injected failure at operation ${this.count}: ${operation}`);
  }

  /** Fails the `step`-th operation from now on (1 = the next one). */
  failAtNext(step: number): void {
    this.failAt = this.count + step;
  }

  /** No more failures: the same stores, as a retry after the crash sees them. */
  heal(): void {
    this.failAt = undefined;
  }
}
