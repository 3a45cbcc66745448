import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { seededRandom } from "./seeded-random.js";

/**
 * A full practitioner PTP quarter stand-in, shaped like CMS's files: four parts of ~660,000 edits,
 * each with the AMA notice and wrapped header, tab-delimited, CRLF, in (column 1, column 2) order.
 * The later quarter deletes (sets deletion dates), adds, removes and re-flags a small share.
 */
export const FULL_QUARTER = { rows: 2_633_389, parts: 4, seed: 20_260_701 };

const HEAD = [
  "CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t",
  "Column1/Column2 Edits\t\t\t\t\t\t",
  "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale",
  "\t\tprior to 1996\tDate\tDate\t0=not allowed\t",
  "\t\t\t\t*=no data\t1=allowed\t",
  "\t\t\t\t\t9=not applicable\t",
].join("\r\n");
const RATIONALES = [
  "CPT Manual or CMS manual coding instruction",
  "Misuse of Column Two code with Column One code",
  "Standards of medical / surgical practice",
  "Mutually exclusive procedures",
];

const code = (n: number) => n.toString(36).toUpperCase().padStart(5, "0");

/** Writes `parts` files per side; returns their paths and the planted change counts. */
export async function writePtpQuarter(dir: string, shape = FULL_QUARTER) {
  const random = seededRandom(shape.seed);
  const perPart = Math.ceil(shape.rows / shape.parts);
  const paths = { before: [] as string[], after: [] as string[] };
  const planted = { deleted: 0, removed: 0, added: 0, modifier: 0 };
  let row = 0;
  for (let part = 1; part <= shape.parts; part++) {
    const before = createWriteStream(`${dir}/old-f${part}.txt`);
    const after = createWriteStream(`${dir}/new-f${part}.txt`);
    paths.before.push(`${dir}/old-f${part}.txt`);
    paths.after.push(`${dir}/new-f${part}.txt`);
    let b = `${HEAD}\r\n`;
    let a = `${HEAD}\r\n`;
    for (let i = 0; i < perPart && row < shape.rows; i++, row++) {
      // ~40 column-2 codes per column-1 code, as in the real files.
      const column1 = code(36 ** 4 + Math.floor(row / 40) * 7);
      const column2 = code(36 ** 4 + (row % 40) * 9973);
      const rationale = RATIONALES[row % RATIONALES.length];
      const line = (modifier: string, deletion: string) =>
        `${column1}\t${column2}\t\t20220101\t${deletion}\t${modifier}\t${rationale}\r\n`;
      b += line("1", "*");
      const fate = random();
      if (fate < 0.001) {
        planted.deleted++;
        a += line("1", "20260630");
      } else if (fate < 0.0015) planted.removed++;
      else if (fate < 0.002) {
        planted.modifier++;
        a += line("0", "*");
      } else a += line("1", "*");
      if (random() < 0.0005 && row % 40 < 39) {
        planted.added++;
        a += `${column1}\t${code(36 ** 4 + (row % 40) * 9973 + 1)}\t\t20260701\t*\t1\t${rationale}\r\n`;
      }
      if (b.length > 1 << 20) {
        if (!before.write(b)) await once(before, "drain");
        if (!after.write(a)) await once(after, "drain");
        b = "";
        a = "";
      }
    }
    before.end(b);
    after.end(a);
    await Promise.all([once(before, "close"), once(after, "close")]);
  }
  return { paths, planted };
}
