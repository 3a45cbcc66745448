import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchDir } from "../integration/support/scratch-dir.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = scratchDir("codecurrent-start-");

/** `npm start -- --once` exactly as a person or CI runs it, on its own data folder. */
function npmStartOnce() {
  const result = spawnSync("npm", ["start", "--silent", "--", "--once"], {
    cwd: ROOT,
    env: { ...process.env, CODECURRENT_DATA_DIR: dataDir, CI: "true" },
    encoding: "utf8",
    timeout: 240_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

// The first start, on an empty data folder, for every test to start from, whatever their order.
let first: ReturnType<typeof npmStartOnce>;
beforeAll(() => {
  first = npmStartOnce();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("npm start -- --once", () => {
  it("replays the recorded releases and reports the CMS-published ICD-10-CM FY2019 counts", () => {
    const { status, out } = first;
    expect(out).toMatch(/icd10cm +FY2018 +baseline: 94127 records/);
    expect(out).toMatch(/icd10cm +FY2019 +vs FY2018: 279 new, 51 deleted, 143 revised codes/);
    expect(out).toMatch(
      /icd10pcs +FY2018 +vs FY2017: 3562 new, 646 deleted, 1821 revised codes \(\+227 abbreviated-title-only\)/,
    );
    expect(out).toMatch(/ncci-ptp-practitioner +v322r0 +vs v321r0: \d+ new, \d+ deleted, \d+ revised edits/);
    expect(out).toMatch(/federal-register +\S+ +vs \S+: [1-9]\d* new, 0 deleted, \d+ revised documents/);
    expect(out).toMatch(/Inbox: http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain(dataDir);
    expect(out).not.toMatch(/FAILED/);
    expect(status).toBe(0);
  });

  it("a second start finds everything already collected: 0 new changes, exit 0", () => {
    const { status, out } = npmStartOnce();
    expect(out).toMatch(/: 0 new changes stored, 0 failed\./);
    expect(out).not.toMatch(/vs FY2018: \d+ new/);
    expect(status).toBe(0);
  });
});
