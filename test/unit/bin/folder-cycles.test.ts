import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../../bin/folder-cycles.mjs", import.meta.url));
const trees: string[] = [];

/** A repo of the given files (path → text) in a fresh temporary folder. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "folder-cycles-"));
  trees.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function check(root: string) {
  const run = spawnSync(process.execPath, [SCRIPT, root], { encoding: "utf8" });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("bin/folder-cycles.mjs", () => {
  it("passes layers that point one way, whatever the files inside a folder import of each other", () => {
    const root = repo({
      "shared/core/parse-error.ts": "export class ParseError extends Error {}\n",
      "shared/codesets/order-file.ts":
        'import { ParseError } from "../core/parse-error.js";\nimport "./other.js";\n',
      "shared/codesets/other.ts": 'import { x } from "./order-file.js";\n',
      "shared/sources/icd.ts": 'import type { X } from "#shared/codesets/order-file.js";\n',
      "infra/stack.ts": 'import { icd } from "#shared/sources/icd.js";\n',
    });
    const run = check(root);
    expect(run.out).toMatch(/no folder cycles among 4 folders/);
    expect(run.code).toBe(0);
  });

  it("fails on a cycle through a type-only import and a dynamic import, naming an import of each edge", () => {
    const root = repo({
      "shared/core/snapshot.ts": 'import type { Rules } from "../codesets/rules.js";\n',
      "shared/codesets/rules.ts": 'export const load = () => import("#shared/diff/engine.js");\n',
      "shared/diff/engine.ts": 'import { keyOf } from "../core/snapshot.js";\n',
      "shared/sources/icd.ts": 'import { keyOf } from "../core/snapshot.js";\n',
    });
    const run = check(root);
    expect(run.code).toBe(1);
    expect(run.out).toContain("{shared/codesets, shared/core, shared/diff}");
    expect(run.out).toContain(
      "shared/core → shared/codesets: shared/core/snapshot.ts imports ../codesets/rules.js",
    );
    expect(run.out).toContain("shared/codesets → shared/diff");
    expect(run.out).not.toContain("shared/sources →");
  });

  it("counts a cycle between shared/ and infra/, and between infra/ and its own folders", () => {
    const root = repo({
      "shared/cli/replay.ts": 'import { manifest } from "../../infra/local/manifest.js";\n',
      "infra/local/start.ts": 'import { report } from "#shared/cli/replay.js";\n',
      "infra/config.ts": 'export { api } from "./constructs/api.js";\n',
      "infra/constructs/api.ts": 'import { config } from "../config.js";\n',
    });
    const run = check(root);
    expect(run.code).toBe(1);
    expect(run.out).toContain("2 folder cycle(s)");
    expect(run.out).toContain("{infra/local, shared/cli}");
    expect(run.out).toContain("{infra, infra/constructs}");
  });
});
