import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * The browser tests drive Debian's Chromium (playwright-core never downloads a browser of its
 * own). A fresh CI machine has none: install it through apt once, before any e2e test file runs.
 */
export default function installChromium(): void {
  if (existsSync(CHROMIUM)) return;
  execSync("apt-get update && apt-get install -y --no-install-recommends chromium", {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    timeout: 600_000,
  });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is missing`);
}
