import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { seededRandom } from "./seeded-random.js";

/**
 * A deterministic stand-in for a multi-million-row code set (the size of an NCCI PTP table),
 * written in the ICD-10 order-file layout so the real parser and CLI read it. Two versions share
 * a seed; the later one deletes, adds and retitles a small share of rows, as a quarter does.
 */
export interface KeyedSetShape {
  readonly rows: number;
  readonly seed: number;
  /** Shares of the earlier version's rows. */
  readonly deleted: number;
  readonly added: number;
  readonly revised: number;
}

export const THREE_MILLION: KeyedSetShape = {
  rows: 3_000_000,
  seed: 20_261_001,
  deleted: 0.004,
  added: 0.006,
  revised: 0.01,
};

const WORDS = [
  "Bypass",
  "Excision",
  "Drainage",
  "Repair",
  "Artery",
  "Vein",
  "Open",
  "Percutaneous",
  "Left",
  "Right",
  "Device",
  "Approach",
  "Upper",
  "Lower",
  "Graft",
  "Tissue",
];
const STEP = 1000;
const code = (n: number) => n.toString(36).toUpperCase().padStart(7, "0");

export interface KeyedSetCounts {
  readonly beforeRows: number;
  readonly afterRows: number;
  readonly deleted: number;
  readonly added: number;
  readonly revised: number;
}

/** Writes both versions; returns how many changes were planted. */
export async function writeKeyedSet(
  shape: KeyedSetShape,
  beforePath: string,
  afterPath: string,
): Promise<KeyedSetCounts> {
  const random = seededRandom(shape.seed);
  const title = () => {
    let text = "";
    const words = 3 + Math.floor(random() * 4);
    for (let w = 0; w < words; w++) text += `${w ? " " : ""}${WORDS[Math.floor(random() * WORDS.length)]}`;
    return text;
  };
  const before = createWriteStream(beforePath);
  const after = createWriteStream(afterPath);
  const line = (order: number, key: string, text: string, long: string) =>
    `${String(order % 100_000).padStart(5, "0")} ${key.padEnd(7)} 1 ${text.padEnd(60).slice(0, 60)} ${long}\r\n`;
  let beforeText = "";
  let afterText = "";
  const counts = { beforeRows: 0, afterRows: 0, deleted: 0, added: 0, revised: 0 };
  const flush = async () => {
    if (!before.write(beforeText)) await once(before, "drain");
    if (!after.write(afterText)) await once(after, "drain");
    beforeText = "";
    afterText = "";
  };
  for (let i = 0; i < shape.rows; i++) {
    const key = code((i + 1) * STEP);
    const short = title();
    const long = `${short} of ${title()}`;
    beforeText += line(counts.beforeRows++, key, short, long);
    const fate = random();
    if (fate < shape.deleted) counts.deleted++;
    else if (fate < shape.deleted + shape.revised) {
      counts.revised++;
      afterText += line(counts.afterRows++, key, short, `${long}, revised`);
    } else afterText += line(counts.afterRows++, key, short, long);
    if (random() < shape.added) {
      counts.added++;
      const added = title();
      afterText += line(counts.afterRows++, code((i + 1) * STEP + STEP / 2), added, added);
    }
    if (i % 20_000 === 0) await flush();
  }
  await flush();
  before.end();
  after.end();
  await Promise.all([once(before, "close"), once(after, "close")]);
  return counts;
}
