/** Progress through a command's stages, drawn on stderr only when a person is watching it. */
export interface StageProgress {
  next(): void;
  done(): void;
}

export async function stageProgress(stages: readonly string[]): Promise<StageProgress> {
  if (!process.stderr.isTTY) return { next() {}, done() {} };
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    { stream: process.stderr, format: "{bar} {stage}", hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let at = 0;
  let finished = false;
  bar.start(stages.length, 0, { stage: stages[0] });
  return {
    next() {
      at++;
      bar.update(at, { stage: stages[at] ?? "" });
    },
    done() {
      if (finished) return;
      finished = true;
      bar.stop();
    },
  };
}
