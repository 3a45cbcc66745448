import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useReplayedApi } from "../../integration/api/support/replayed-api.js";
import { type LaunchedBrowser, launchChromium } from "../support/chromium.js";

// One stack for the whole file: ICD-10-CM FY2018 → FY2019 → its 2018-12-16 re-issue and HCPCS replayed,
// page served on top.
const replayed = useReplayedApi(["icd10cm", "hcpcs"]);
/** Where the page's screenshot goes, for a person (or a CI artifact) to look at. */
const SCREENSHOT = path.join(
  process.env.CODECURRENT_SCREENSHOT_DIR ?? tmpdir(),
  "codecurrent-change-log.png",
);

let launched: LaunchedBrowser;
let page: Page;

beforeAll(async () => {
  launched = await launchChromium();
});

// Each test signs in on a page of its own: no filter or dialog is left over from another test.
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

const sourceCells = () => page.locator("#changes-table tbody tr td:nth-child(3)").allTextContents();

describe("the change log page", () => {
  it("signs in with the printed address, drops the token from it, and shows the replayed changes, chart and source health", async () => {
    expect(page.url()).not.toContain("token=");
    await expect
      .poll(() => page.locator("#changes-status").textContent())
      .toMatch(/100 changes shown; more available/);
    expect(await page.locator("#health-table tbody tr").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator("#health-table tbody").textContent()).toContain("FY2019");
    // One bar per release with changes: ICD-10-CM FY2019 and its re-issue, HCPCS 2026 Q4.
    expect(await page.locator("#volume-chart svg rect").count()).toBe(3);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("filters by code system", async () => {
    await page.selectOption("#f-system", "hcpcs");
    await page.click("#filters button[type=submit]");
    await expect.poll(() => page.locator("#changes-status").textContent()).toBe("2 changes shown.");
    expect(new Set(await sourceCells())).toEqual(new Set(["hcpcs"]));
    await page.selectOption("#f-system", "icd10cm");
    await page.click("#filters button[type=submit]");
    await expect.poll(() => page.locator("#changes-status").textContent()).toMatch(/100 changes shown/);
    expect(new Set(await sourceCells())).toEqual(new Set(["icd10cm"]));
  });

  it("opens a code's history from the table", async () => {
    // A code is looked up within its code system.
    await page.selectOption("#f-system", "icd10cm");
    await page.fill("#f-code", "P74.2");
    await page.click("#filters button[type=submit]");
    await expect.poll(() => page.locator("#changes-status").textContent()).toBe("1 change shown.");
    await page.getByRole("button", { name: "History of icd10cm P742" }).click();
    await page.locator("#history").waitFor({ state: "visible" });
    expect(await page.locator("#history-heading").textContent()).toBe("ICD-10-CM P742: history");
    expect(await page.locator("#history-table tbody").textContent()).toContain("deleted");
    expect(await page.locator("#history-table tbody").textContent()).toContain("sha256");
    await page.click("#history-close");
    await page.locator("#changes").waitFor({ state: "visible" });
  });

  it("exports the filtered change log as a CSV with the rows on screen", async () => {
    await page.selectOption("#f-system", "hcpcs");
    await page.click("#filters button[type=submit]");
    await expect.poll(() => page.locator("#changes-status").textContent()).toBe("2 changes shown.");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    expect(download.suggestedFilename()).toMatch(/^codecurrent-changes-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(rows).toHaveLength(3);
    expect(
      rows
        .slice(1)
        .map((row) => row.split(",").slice(2, 7).join(","))
        .sort(),
    ).toEqual(["hcpcs,hcpcs,AC,AC,added", "hcpcs,hcpcs,JG,JG,deleted"]);
  });

  it("downloads a change's archived file, whose bytes hash to the sha256 the row shows", async () => {
    await page.selectOption("#f-system", "hcpcs");
    await page.click("#filters button[type=submit]");
    await expect.poll(() => page.locator("#changes-status").textContent()).toBe("2 changes shown.");
    const row = page.locator("#changes-table tbody tr").first();
    const shown = await row.locator(".evidence .sha").getAttribute("title");
    expect(shown).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      row.getByRole("button", { name: `Download the archived file ${shown}` }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(shown);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
  });

  it("asks a visitor without the credential to sign in, and no change data is shown", async () => {
    const stranger = await launched.context.newPage();
    await stranger.goto(replayed.server.url);
    await stranger.locator("#token-form").waitFor({ state: "visible" });
    expect(await stranger.locator("#main").isHidden()).toBe(true);
    await stranger.close();
  });
});
