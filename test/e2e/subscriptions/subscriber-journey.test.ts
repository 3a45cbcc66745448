import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import getPort from "get-port";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSubscriptionApi, subscriptionPages } from "#shared/api/create-subscription-api.js";
import { replaySources } from "#shared/cli/replay-command.js";
import { type DigestDependencies, digestDependencies } from "#shared/digest/digest-dependencies.js";
import { dispatchDigests } from "#shared/digest/dispatch-digests.js";
import { InProcessDigestQueue } from "#shared/digest/in-process-digest-queue.js";
import { CARDIOLOGY_PRACTICE_TOP_CODES } from "#shared/subscribers/demo-subscribers.js";
import { emailHash } from "#shared/subscribers/email-address.js";
import { newSubscriberSchema } from "#shared/subscribers/subscriber.js";
import { handleSignUpRequest } from "#shared/subscriptions/handle-sign-up-request.js";
import { InProcessSignUpQueue } from "#shared/subscriptions/in-process-sign-up-queue.js";
import { type ApiServer, startApiServer } from "../../../infra/local/api-server.js";
import { type LocalInboxEmail, readLocalInbox } from "../../../infra/local/local-inbox.js";
import { FIXTURES_DIR, useLocalStack } from "../../integration/support/local-stack.js";
import { scratchDir } from "../../integration/support/scratch-dir.js";
import { type LaunchedBrowser, launchChromium } from "../support/chromium.js";

/**
 * A coder's whole journey through the subscription pages in headless Chromium, on a local stack
 * filled from the recorded releases the way `npm start` fills it, starting from the links in the
 * emails the local SES inbox holds.
 */
const local = useLocalStack();
const SCREENSHOTS = process.env.CODECURRENT_SCREENSHOT_DIR ?? path.join(tmpdir(), "codecurrent-screenshots");
const PHONE = { width: 390, height: 844 };
const dataDir = scratchDir("codecurrent-journey-");

let server: ApiServer;
let deps: DigestDependencies;
let signUps: InProcessSignUpQueue;
let launched: LaunchedBrowser;
let base: string;

beforeAll(async () => {
  await replaySources(
    {
      env: local.env,
      clients: local.clients,
      local: {
        fixturesDir: FIXTURES_DIR,
        dataDir,
        inbox: local.stack.urls.inbox,
        mirror: local.stack.urls.mirror,
      },
      close: async () => {},
    },
    ["icd10cm", "icd10pcs", "ncci-ptp-practitioner", "ncci-mue-practitioner"],
    () => {},
  );
  const port = await getPort({ host: "127.0.0.1" });
  base = `http://127.0.0.1:${port}`;
  const env = { ...local.env, publicBaseUrl: base, tokenSecret: "journey-test-secret-0123456789-abcdef" };
  deps = await digestDependencies(env, local.clients);
  signUps = new InProcessSignUpQueue((request) => handleSignUpRequest(request, deps));
  server = await startApiServer({
    env,
    clients: local.clients,
    port,
    subscriptions: createSubscriptionApi({
      pages: async () => subscriptionPages({ ...deps, signUps }, deps.changes),
    }),
  });
  launched = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await launched?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const mailsTo = async (address: string): Promise<LocalInboxEmail[]> =>
  (await readLocalInbox(local.stack.urls.inbox)).filter((mail) => mail.destination.to.includes(address));
const linkIn = (mail: LocalInboxEmail | undefined, pagePath: string): string => {
  const match = new RegExp(`${base}${pagePath}\\?token=[\\w.%-]+`).exec(mail?.body.text ?? "");
  if (!match) throw new Error(`no ${pagePath} link in: ${mail?.body.text}`);
  return match[0];
};
const statusOf = async (address: string) => {
  const owner = await deps.addresses.owner(emailHash(address));
  return owner ? (await deps.subscribers.get(owner.subscriberId))?.status : undefined;
};
async function phonePage(): Promise<Page> {
  const page = await launched.context.newPage();
  await page.setViewportSize(PHONE);
  return page;
}
const shoot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
/** How wide the page scrolls: at most the viewport when nothing sticks out sideways. */
const noSideScroll = (page: Page) => page.evaluate<number>("document.scrollingElement.scrollWidth");

async function sendDigests(): Promise<void> {
  const queue = new InProcessDigestQueue(deps);
  await dispatchDigests(deps.subscribers, queue, { ignoreSchedule: true });
  expect(queue.outcomes.filter((outcome) => outcome.error)).toEqual([]);
}

describe("a coder's journey through the pages, from the links in her emails", () => {
  const EMAIL = "dana.journey@example.org";

  it("signs up, confirms by pressing the button (a link scanner's GET confirms nothing), changes her preferences, logs a CEU and unsubscribes", async () => {
    const page = await phonePage();
    // Sign up.
    await page.goto(`${base}/subscriptions`);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByLabel("Email address").fill(EMAIL);
    await page.getByLabel("Your first name (optional)").fill("Dana");
    await page.getByLabel("Professional fee (physician or practice billing)").check();
    await page.getByLabel("Cardiology", { exact: true }).check();
    await page
      .getByLabel("Your watchlist: the codes you bill (optional)")
      .fill(CARDIOLOGY_PRACTICE_TOP_CODES.join("\n"));
    await page.getByLabel("Credential 1").selectOption("CPC");
    await page.getByLabel("Cycle ends", { exact: false }).first().fill("2027-06-30");
    await shoot(page, "1-sign-up");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Check your inbox");
    await signUps.settled();

    // The confirmation email's link: what a mail scanner fetches changes nothing.
    const [confirmation] = await mailsTo(EMAIL);
    expect(confirmation?.subject).toBe("Confirm your codecurrent subscription");
    const confirmLink = linkIn(confirmation, "/subscriptions/confirm");
    for (let scan = 0; scan < 2; scan++) expect((await fetch(confirmLink)).status).toBe(200);
    expect(await statusOf(EMAIL)).toBe("pending");
    await page.goto(confirmLink);
    expect(await page.locator("h1").textContent()).toBe("Confirm your subscription");
    await expect.poll(() => page.locator("li", { hasText: "Watchlist: 20 codes" }).count()).toBe(1);
    expect(await statusOf(EMAIL)).toBe("pending");
    await shoot(page, "2-confirm");
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect
      .poll(() => page.locator(".notice").textContent())
      .toContain("Your subscription is confirmed.");
    expect(await statusOf(EMAIL)).toBe("active");

    // Her first digest: every page below is opened from its links.
    await sendDigests();
    const digest = (await mailsTo(EMAIL)).find((mail) => mail.subject.startsWith("codecurrent:"));
    expect(digest).toBeDefined();

    // Change what she receives: a refused watchlist line first (the summary takes focus), then a CSV upload.
    await page.goto(linkIn(digest, "/subscriptions/preferences"));
    await page.getByLabel("Your watchlist: the codes you bill (optional)").fill("I25.10\nABC!");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect.poll(() => page.locator(".error-summary").isVisible()).toBe(true);
    expect(await page.evaluate<string>("document.activeElement.className")).toBe("error-summary");
    expect(await page.locator(".error-summary a").first().getAttribute("href")).toBe("#watchlist");
    expect(await page.title()).toMatch(/^Error: /);
    await shoot(page, "3-preferences-error");
    await page.getByLabel("Your watchlist: the codes you bill (optional)").fill("I25.10");
    await page.locator("#watchlistFile").setInputFiles({
      name: "top-codes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("CPT/HCPCS,Description,Times billed\n93000,ECG,412\n93306,,220\nI48.91,AF,198\n"),
    });
    await page.getByLabel("Digest").selectOption("monthly");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toContain("Your preferences are saved.");
    const owner = (await deps.addresses.owner(emailHash(EMAIL)))!;
    const saved = (await deps.subscribers.get(owner.subscriberId))!;
    expect(saved.frequency).toBe("monthly");
    expect(saved.interests.watchlist).toEqual(["I25.10", "93000", "93306", "I48.91"]);
    expect(await noSideScroll(page)).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, "4-preferences");

    // Log a CEU.
    await page.goto(linkIn(digest, "/subscriptions/ceus"));
    await page.getByLabel("Completed on").fill("2026-11-20");
    await page.getByLabel("CEUs").fill("2.5");
    await page.getByLabel("Activity (optional)").fill("2027 CPT cardiology update webinar");
    await page.getByRole("button", { name: "Log CEUs" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toContain("Logged.");
    expect(await page.locator("table").last().textContent()).toContain("2027 CPT cardiology update webinar");
    expect(await page.locator("main").textContent()).toContain("2.5 of 36 CEUs");
    await shoot(page, "5-ceu-log");

    // Unsubscribe.
    await page.goto(linkIn(digest, "/subscriptions/unsubscribe"));
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("You are unsubscribed");
    expect(await page.getByRole("link", { name: "Sign up again" }).getAttribute("href")).toBe(
      `${base}/subscriptions`,
    );
    expect(await statusOf(EMAIL)).toBe("unsubscribed");
    await shoot(page, "6-unsubscribed");
    // Her old preferences link is dead now, and says so in a sentence with a way on.
    await page.goto(linkIn(digest, "/subscriptions/preferences"));
    expect(await page.locator("h1").textContent()).toBe("This link no longer works");
    expect(await page.getByRole("button", { name: "Email me a fresh link" }).count()).toBe(1);
    await page.close();
  });
});

describe("a professional-fee cardiology coder's digest, from the replayed releases", () => {
  const EMAIL = "dana.cardiology.e2e@example.org";

  it("has no ICD-10-PCS item, opens with her watchlist, links to the whole digest, and fits a 390 px phone", async () => {
    const { email, ...preferences } = newSubscriberSchema.parse({
      email: EMAIL,
      name: "Dana",
      interests: {
        workSetting: "professional-fee",
        specialties: ["cardiology"],
        watchlist: CARDIOLOGY_PRACTICE_TOP_CODES,
      },
      frequency: "daily",
      credentials: [
        { credential: "CPC", cycleEnd: "2027-03-31" },
        { credential: "CCC", cycleEnd: "2027-03-31" },
      ],
    });
    const outcome = await handleSignUpRequest(
      { kind: "sign-up", email, preferences, requestedAt: new Date().toISOString() },
      deps,
    );
    expect(outcome.status).toBe("sent");
    const page = await phonePage();
    await page.goto(linkIn((await mailsTo(EMAIL))[0], "/subscriptions/confirm"));
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect.poll(() => statusOf(EMAIL)).toBe("active");
    await sendDigests();

    const digest = (await mailsTo(EMAIL)).find((mail) => mail.subject.startsWith("codecurrent:"))!;
    expect(digest.subject).toMatch(/^codecurrent: \d+ changes? to codes you bill, \d+ in all$/);
    const text = digest.body.text!;
    const html = digest.body.html!;
    expect(html).not.toContain("ICD-10-PCS");
    expect(text).not.toContain("ICD-10-PCS");
    // Her watchlist first: I63.8, which FY2019 made a header.
    expect(text.indexOf("== YOUR CODES")).toBeGreaterThan(0);
    expect(text.indexOf("== YOUR CODES")).toBeLessThan(text.indexOf("== ICD-10-CM"));
    expect(text).toContain("* 1 code you bill was deleted: I63.8 (use I63.81 and I63.89).");
    expect(Buffer.byteLength(html)).toBeLessThan(102 * 1024);

    // The email at 390 px: no sideways scrolling, in light and dark mode. (A page of its own: a
    // page's content security policy would stay on a document reused for the email's HTML.)
    const mail = await phonePage();
    await mail.setContent(html);
    expect(await noSideScroll(mail)).toBeLessThanOrEqual(PHONE.width);
    await shoot(mail, "7-digest-email-390");
    await mail.emulateMedia({ colorScheme: "dark" });
    await shoot(mail, "8-digest-email-390-dark");
    await mail.close();

    // Its link to the whole digest works, without an account.
    await page.goto(linkIn(digest, "/subscriptions/digest"));
    expect(await page.locator("h1").textContent()).toBe("Your codecurrent digest");
    expect(await page.locator("#your-codes").textContent()).toContain("Your codes");
    expect(await page.locator("main").textContent()).toContain(
      "I63.8 deleted — now a header: use its new subcodes I63.81 and I63.89",
    );
    expect(await noSideScroll(page)).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, "9-digest-page");
    await page.close();
  });

  it("an auditor's NCCI and MUE items read as sentences: no `*`, no YYYYMMDD date, no field's programming name", async () => {
    const { email, ...preferences } = newSubscriberSchema.parse({
      email: "auditor.e2e@example.org",
      interests: { workSetting: "payer-compliance", codeSystems: ["ncci-ptp", "ncci-mue"] },
    });
    await handleSignUpRequest(
      { kind: "sign-up", email, preferences, requestedAt: new Date().toISOString() },
      deps,
    );
    const page = await phonePage();
    await page.goto(linkIn((await mailsTo(email))[0], "/subscriptions/confirm"));
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect.poll(() => statusOf(email)).toBe("active");
    await page.close();
    await sendDigests();
    const digest = (await mailsTo(email)).find((mail) => mail.subject.startsWith("codecurrent:"))!;
    const text = digest.body.text!;
    expect(text).toContain("0001U + 0029U: edit removed from 2026-07-01 — may be billed together");
    expect(text).toContain("0002M: 2 → 1 unit per day (date-of-service edit, clinical)");
    const prose = `${text}\n${digest.body.html!.replace(/<[^>]+>/g, " ")}`.replace(/https?:\/\/\S+/g, "");
    expect(prose).not.toMatch(/\*/);
    expect(prose).not.toMatch(/\b(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b/);
    expect(prose).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/);
  });
});
