import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Builds the CLI bundle once before the unit tests, which run `bin/codecurrent.mjs` as a user does.
 * Once, not per test file: two files rebuilding dist/ at the same time let one file's process load a
 * chunk the other is rewriting.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  execFileSync(process.execPath, ["bin/build.mjs"], { cwd: root, stdio: "pipe" });
}
