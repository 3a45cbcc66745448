/** A progress bar for long writes, on stderr and only when a person is watching. */
export interface WriteProgress {
  update(step: string, done: number, total: number): void;
  clear(): void;
  stop(): void;
}

export async function writeProgress(): Promise<WriteProgress> {
  if (!process.stderr.isTTY) return { update() {}, clear() {}, stop() {} };
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: "{bar} {value}/{total} {step}",
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let active = false;
  return {
    update(step, done, total) {
      if (!active) {
        bar.start(total, done, { step });
        active = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { step });
      }
    },
    clear() {
      if (active) bar.stop();
      active = false;
    },
    stop() {
      if (active) bar.stop();
      active = false;
    },
  };
}
