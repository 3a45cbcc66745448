import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
// A data folder of its own: a refused command must stop before it starts (or finds) any local stack.
const dataDir = mkdtempSync(join(tmpdir(), "codecurrent-subscribers-cli-"));

/** The CLI as an operator runs it: the built bundle, a real process. */
function codecurrent(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, "bin/codecurrent.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CODECURRENT_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, "bin/build.mjs")], { cwd: root, stdio: "pipe" });
}, 60_000);

describe("codecurrent subscribers add", () => {
  it("refuses a cycle end that is not a real date and a credential it does not know, each in a sentence, exit 2", () => {
    const run = codecurrent(
      "subscribers",
      "add",
      "coder@example.org",
      "--credential",
      "CPC:2027-13-45",
      "--credential",
      "CPT:2027-06-30",
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--credential CPC:2027-13-45: 2027-13-45 is not a real date: there is no month 13.",
    );
    expect(run.stderr).toContain('--credential CPT:2027-06-30: "CPT" is not a credential codecurrent knows');
  });

  it("refuses an unreadable watchlist line of a CSV file by its number", () => {
    const file = join(dataDir, "top-codes.csv");
    writeFileSync(file, "Code,Description\n93000,ECG\n9300!,typo\n");
    const run = codecurrent("subscribers", "add", "coder@example.org", "--watchlist-file", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}: Line 3: "9300!" is not a code`);
  });
});
