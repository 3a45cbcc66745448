import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * The browser tests drive Debian's Chromium (playwright-core never downloads a browser of its
 * own). Installing it is the machine set-up's job (`bin/setup-machine.sh`, which `npm test` runs
 * before vitest); a test run only checks, and says what to run when it is missing.
 */
export default function requireChromium(): void {
  if (existsSync(CHROMIUM)) return;
  throw new Error(
    `The browser tests need Debian's Chromium at ${CHROMIUM}, which is missing. Run bin/setup-machine.sh (npm test runs it before vitest).`,
  );
}
