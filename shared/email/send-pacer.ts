/**
 * Spaces sends to at most `perSecond`, so a digest run stays under the account's SES send rate
 * instead of meeting throttling errors. Calls are serialized: each waits for its slot.
 */
export class SendPacer {
  private next = 0;

  constructor(
    private readonly perSecond: number,
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async slot(): Promise<void> {
    const now = this.clock();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await this.sleep(at - now);
  }
}
