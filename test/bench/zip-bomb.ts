/**
 * Zip limits benchmark: what refusing a zip bomb costs, beside what inflating it would. A 64 MiB
 * entry of zeros deflates to about 64 KiB (near 1000:1). Refused from its declared ratio, nothing
 * is inflated; with a forged header declaring 2 MiB, inflation stops at those 2 MiB. The baseline
 * is zlib inflating the whole entry, measured in the same run. Run alone with
 * `npx tsx test/bench/zip-bomb.ts`; `npm run bench` includes it.
 */
import { pathToFileURL } from "node:url";
import { inflateRawSync } from "node:zlib";
import { extractEntry } from "#shared/archive/zip.js";
import { zipOf } from "../fixtures/zip-of.js";

const BOMB_BYTES = 64 * 1024 * 1024;
const FORGED_DECLARED_BYTES = 2 * 1024 * 1024;
const ENTRY = [/bomb\.txt$/];

export interface ZipBombResult {
  /** Median ms to refuse the bomb from its declared ratio. */
  readonly refuseByRatioMs: number;
  /** Median ms to stop a bomb whose header declares 2 MiB. */
  readonly stopAtDeclaredMs: number;
  /** Median ms for zlib to inflate the whole entry: the cost the limits avoid. */
  readonly inflateAllMs: number;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timedAsync(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Rewrites the central directory's uncompressed size of the first entry: a forged header. */
function forgeDeclaredSize(zip: Buffer, declared: number): Buffer {
  const forged = Buffer.from(zip);
  const central = forged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  forged.writeUInt32LE(declared, central + 24);
  return forged;
}

const refused = (work: Promise<unknown>) =>
  work.then(
    () => {
      throw new Error("the zip bomb was not refused");
    },
    () => undefined,
  );

export async function benchZipBomb(runs = 7): Promise<ZipBombResult> {
  const bomb = await zipOf({ "bomb.txt": Buffer.alloc(BOMB_BYTES) });
  const forged = forgeDeclaredSize(bomb, FORGED_DECLARED_BYTES);
  const dataStart = 30 + bomb.readUInt16LE(26) + bomb.readUInt16LE(28);
  const compressedSize = bomb.readUInt32LE(18);
  const deflated = bomb.subarray(dataStart, dataStart + compressedSize);
  return {
    refuseByRatioMs: await timedAsync(runs, () => refused(extractEntry(bomb, ENTRY))),
    stopAtDeclaredMs: await timedAsync(runs, () => refused(extractEntry(forged, ENTRY))),
    inflateAllMs: await timedAsync(runs, async () => inflateRawSync(deflated)),
  };
}

export function describeZipBomb(result: ZipBombResult): string {
  const share = (ms: number) => `${((100 * ms) / result.inflateAllMs).toFixed(1)} %`;
  return (
    `refuse by ratio ${share(result.refuseByRatioMs)}, stop at declared 2 MiB ${share(result.stopAtDeclaredMs)} ` +
    `of inflating all ${BOMB_BYTES / 1024 / 1024} MiB`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await benchZipBomb();
  console.log(
    `refuse by declared ratio ${result.refuseByRatioMs.toFixed(1)} ms · stop at forged 2 MiB ${result.stopAtDeclaredMs.toFixed(1)} ms · ` +
      `zlib inflating all 64 MiB ${result.inflateAllMs.toFixed(1)} ms (${describeZipBomb(result)})`,
  );
}
