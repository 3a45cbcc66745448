import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { CHROMIUM } from "./require-chromium.js";

export interface LaunchedBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Debian Chromium with a fresh profile (playwright takes the profile folder itself
 * instead of a --user-data-dir flag). Without the background-networking flags Chromium keeps
 * reaching for Google services, which on a closed network means endless retries.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), "codecurrent-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
