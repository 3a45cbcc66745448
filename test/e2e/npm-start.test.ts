import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
    expect(out).toContain(dataDir);
    expect(out).not.toMatch(/FAILED/);
    expect(status).toBe(0);
  });

  it("keeps the mail it sent where a person can read it after the run, instead of an inbox address that is gone", () => {
    const { out } = first;
    // Nothing serves an inbox once --once has exited: no address printed for one.
    expect(out).not.toMatch(/Inbox: http/);
    expect(out).toContain(`Mail:  ${path.join(dataDir, "inbox")}`);
    const kept = JSON.parse(readFileSync(path.join(dataDir, "inbox.json"), "utf8")) as {
      emails: { subject: string }[];
    };
    expect(kept.emails.map((mail) => mail.subject)).toEqual(
      expect.arrayContaining([
        "Confirm your codecurrent subscription",
        expect.stringMatching(/^codecurrent: /),
      ]),
    );
    const files = readdirSync(path.join(dataDir, "inbox"));
    expect(files.filter((name) => name.endsWith(".html")).length).toBeGreaterThan(0);
    expect(files.filter((name) => name.endsWith(".txt"))).toHaveLength(kept.emails.length);
    // Its links point at the pages a following `npm start` serves, at the same paths as in AWS.
    const confirmation = readFileSync(
      path.join(dataDir, "inbox", files.find((name) => /confirm/.test(name) && name.endsWith(".txt"))!),
      "utf8",
    );
    expect(confirmation).toMatch(/http:\/\/127\.0\.0\.1:\d+\/subscriptions\/confirm\?token=/);
  });

  it("a second start finds everything already collected: 0 new changes, exit 0, and the first run's mail still there", () => {
    const kept = () =>
      (JSON.parse(readFileSync(path.join(dataDir, "inbox.json"), "utf8")) as { emails: unknown[] }).emails;
    const before = kept().length;
    const { status, out } = npmStartOnce();
    expect(out).toMatch(/: 0 new changes stored, 0 failed\./);
    // The local SES inbox is kept across restarts: what the first run sent is still there.
    expect(existsSync(path.join(dataDir, "inbox.json"))).toBe(true);
    expect(kept().length).toBeGreaterThanOrEqual(before);
    expect(out).not.toMatch(/vs FY2018: \d+ new/);
    expect(status).toBe(0);
  });
});
