import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useReplayedApi } from "../../integration/api/support/replayed-api.js";
import { type LaunchedBrowser, launchChromium } from "../support/chromium.js";

// The recorded Federal Register and transmittal moments, replayed, with the page served on top.
const replayed = useReplayedApi(["federal-register", "cms-transmittals"]);

let launched: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  launched = await launchChromium();
});

beforeEach(async () => {
  page = await launched.context.newPage();
  await page.goto(replayed.server.signInUrl);
  await page.locator("#changes-table tbody tr").first().waitFor();
});

afterEach(async () => {
  await page?.close();
});

afterAll(async () => {
  await launched?.close();
});

/** The row of one document, found by its number. */
async function rowOf(code: string) {
  await page.selectOption("#f-source", "federal-register");
  await page.click("#filters button[type=submit]");
  const row = page.locator("#changes-table tbody tr", { hasText: code });
  await row.waitFor();
  return row;
}

describe("document changes on the change log page", () => {
  it("a Federal Register final rule shows its type, its own effective date and its official page", async () => {
    const row = await rowOf("2026-15833");
    expect(await row.locator("td").nth(1).textContent()).toBe("2026-10-01");
    expect(await row.locator(".document-summary").textContent()).toBe("Final rule · effective 2026-10-01");
    expect(await row.locator("a.official").getAttribute("href")).toMatch(
      /^https:\/\/www\.federalregister\.gov\/documents\/2026\/08\/04\/2026-15833\//,
    );
  });

  it("downloads the API response the rule was read from, hashing to the sha256 shown", async () => {
    const row = await rowOf("2026-15833");
    const shown = await row.locator(".evidence .sha").first().getAttribute("title");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: `Download the archived file ${shown}` }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(shown);
    expect(
      JSON.parse(bytes.toString("utf8")).results.some(
        (r: { document_number: string }) => r.document_number === "2026-15833",
      ),
    ).toBe(true);
  });
});
