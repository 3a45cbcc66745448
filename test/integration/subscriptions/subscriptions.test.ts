import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { DIGEST_TABLES } from "#shared/aws/tables.js";
import type { Environment } from "#shared/config/environment.js";
import { type DigestDependencies, digestDependencies } from "#shared/digest/digest-dependencies.js";
import { CEU_LOG_MAX_ENTRIES } from "#shared/subscribers/ceu-log.js";
import { emailHash } from "#shared/subscribers/email-address.js";
import type { Preferences } from "#shared/subscribers/subscriber.js";
import { preferencesSchema } from "#shared/subscribers/subscriber.js";
import { handleSignUpRequest } from "#shared/subscriptions/handle-sign-up-request.js";
import { signedLink } from "#shared/subscriptions/subscription-links.js";
import { provisionTables } from "../../../infra/local/provision-tables.js";
import { useLocalStack } from "../support/local-stack.js";
import { formToken, inboxOf, linkIn, localPages, signUpAndConfirm } from "../support/subscription-pages.js";

const local = useLocalStack();
let deps: DigestDependencies;
let people = 0;
let subscribersTable = "";

const OWNER = "dana.owner@example.org";
const CARDIOLOGY: Preferences = preferencesSchema.parse({
  interests: { workSetting: "professional-fee", specialties: ["cardiology"], watchlist: ["I25.10", "93000"] },
  frequency: "weekly",
});
const STRANGERS: Preferences = preferencesSchema.parse({
  interests: { workSetting: "payer-compliance", keywords: ["lottery"] },
  frequency: "daily",
});
const DAY_1 = new Date("2026-11-02T15:00:00Z");
const DAY_2 = new Date("2026-11-03T15:00:00Z");
const DAY_3 = new Date("2026-11-04T15:00:00Z");

const signUp = (email: string, preferences: Preferences, now: Date) =>
  handleSignUpRequest({ kind: "sign-up", email, preferences, requestedAt: now.toISOString() }, deps, now);
const mailsTo = async (address: string) =>
  (await inboxOf(local.stack.urls.inbox, address)).map((m) => m.subject);
const owner = async () =>
  (await deps.subscribers.get((await deps.addresses.owner(emailHash(OWNER)))!.subscriberId))!;

// Every test gets people tables of its own and an empty inbox: none depends on another's subscribers.
beforeEach(async () => {
  people += 1;
  const names = Object.fromEntries(
    DIGEST_TABLES.map((table) => [`${table.name}Table`, `people-${people}-${table.name}`]),
  );
  subscribersTable = names.subscribersTable!;
  await provisionTables(
    local.clients.dynamoRaw,
    DIGEST_TABLES.map((definition) => ({ definition, tableName: names[`${definition.name}Table`]! })),
  );
  expect((await fetch(`${local.stack.urls.ses}/clear-store`, { method: "POST" })).ok).toBe(true);
  deps = await digestDependencies(
    { ...local.env, ...names, tokenSecret: "subscription-abuse-test-secret-0123456789" } as Environment,
    local.clients,
  );
});

describe("subscriptions that cannot be abused", () => {
  it("a link scanner's GET of the confirmation link confirms nothing; the page's button does", async () => {
    expect(await signUp(OWNER, CARDIOLOGY, DAY_1)).toMatchObject({ status: "sent", created: true });
    const [mail] = await inboxOf(local.stack.urls.inbox, OWNER);
    const { open } = localPages(deps, () => DAY_1);
    const link = linkIn(mail?.body.text, "/subscriptions/confirm");
    for (let scan = 0; scan < 3; scan++) expect((await open(link)).status).toBe(200);
    expect((await owner()).status).toBe("pending");
    const page = await open(link);
    expect((await open("/subscriptions/confirm", { form: { token: formToken(page) } })).status).toBe(303);
    expect((await owner()).status).toBe("active");
  });

  it("after an unsubscribe, a stranger's sign-up cannot re-activate the address with its old links or change its preferences", async () => {
    await signUpAndConfirm(deps, local.stack.urls.inbox, { email: OWNER, ...CARDIOLOGY }, DAY_1);
    const [confirmation] = await inboxOf(local.stack.urls.inbox, OWNER);
    const oldConfirm = linkIn(confirmation?.body.text, "/subscriptions/confirm");
    const before = await owner();
    const oldPreferences = signedLink(deps.baseUrl, deps.tokens, "preferences", before, DAY_1);
    const { open } = localPages(deps, () => DAY_2);
    // She clicks one-click unsubscribe in a digest.
    const unsubscribe = signedLink(deps.baseUrl, deps.tokens, "unsubscribe", before, DAY_1);
    expect((await open(unsubscribe, { body: "List-Unsubscribe=One-Click" })).status).toBe(200);
    expect((await owner()).status).toBe("unsubscribed");

    // A stranger signs her address up again with their own preferences.
    expect(await signUp(OWNER, STRANGERS, DAY_2)).toMatchObject({ status: "sent", created: false });
    const restarted = await owner();
    expect(restarted).toMatchObject({ status: "pending", frequency: "weekly" });
    expect(restarted.interests.keywords).toEqual([]);
    expect(restarted.pendingPreferences?.interests.keywords).toEqual(["lottery"]);
    // Her old links are dead: the first confirmation link re-activates nothing, the old preferences link shows nothing.
    for (const link of [oldConfirm, oldPreferences]) {
      const page = await open(link);
      expect([page.status, /<h1>([^<]+)<\/h1>/.exec(String(page.body))?.[1]]).toEqual([
        410,
        "This link no longer works",
      ]);
    }
    const pressed = await open("/subscriptions/confirm", {
      form: { token: new URL(oldConfirm).searchParams.get("token")! },
    });
    expect(pressed.status).toBe(410);
    expect((await owner()).status).toBe("pending");
    // Only the new confirmation, sent to her, restarts it; and it shows what it would apply.
    const latest = (await inboxOf(local.stack.urls.inbox, OWNER)).at(-1);
    expect((await mailsTo(OWNER)).length).toBe(2);
    expect(latest?.subject).toBe("Confirm your codecurrent subscription");
    const page = await open(linkIn(latest?.body.text, "/subscriptions/confirm"));
    expect(page.body).toContain("<li>Keywords: lottery.</li>");
  });

  it("a sign-up for an address already subscribed leaves its preferences alone until the owner confirms them", async () => {
    await signUpAndConfirm(deps, local.stack.urls.inbox, { email: OWNER, ...CARDIOLOGY }, DAY_1);
    expect(await signUp(OWNER, STRANGERS, DAY_2)).toMatchObject({ status: "sent", created: false });
    const staged = await owner();
    expect(staged).toMatchObject({ status: "active", frequency: "weekly" });
    expect(staged.interests.specialties).toEqual(["cardiology"]);
    expect(await mailsTo(OWNER)).toEqual([
      "Confirm your codecurrent subscription",
      "Confirm the changes to your codecurrent subscription",
    ]);
    // The owner, reading the email, agrees: only then do the new preferences apply.
    const [, change] = await inboxOf(local.stack.urls.inbox, OWNER);
    const { open } = localPages(deps, () => DAY_2);
    const page = await open(linkIn(change?.body.text, "/subscriptions/confirm"));
    expect(page.body).toContain("<h1>Confirm your new preferences</h1>");
    const applied = await open("/subscriptions/confirm", { form: { token: formToken(page) } });
    expect(applied.headers.location).toMatch(/notice=applied$/);
    expect((await owner()).interests.keywords).toEqual(["lottery"]);
    expect((await owner()).pendingPreferences).toBeUndefined();
  });

  it("25 sign-ups for one mailbox in a day send it one confirmation email", async () => {
    const { open, signUps } = localPages(deps, () => DAY_3);
    for (let i = 0; i < 25; i++) {
      const answer = await open("/subscriptions", {
        form: { email: OWNER, workSetting: "professional-fee", specialties: "cardiology" },
      });
      expect(answer.status).toBe(303);
    }
    await signUps.settled();
    expect(signUps.failures).toEqual([]);
    expect(await mailsTo(OWNER)).toEqual(["Confirm your codecurrent subscription"]);
    // The next day the owner may ask again, and gets one more.
    expect(await signUp(OWNER, CARDIOLOGY, new Date("2026-11-05T15:00:00Z"))).toMatchObject({
      status: "sent",
    });
    expect(await signUp(OWNER, CARDIOLOGY, new Date("2026-11-05T16:00:00Z"))).toMatchObject({
      status: "limited",
    });
    expect(await mailsTo(OWNER)).toHaveLength(2);
  });

  it("20 concurrent sign-ups for one new address create one subscriber", async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => signUp(OWNER, CARDIOLOGY, DAY_1)));
    const created = outcomes.filter((outcome) => outcome.status === "sent" && outcome.created);
    expect(created).toHaveLength(1);
    const ids = new Set(
      outcomes.flatMap((outcome) => ("subscriberId" in outcome ? [outcome.subscriberId] : [])),
    );
    expect(ids.size).toBe(1);
    let pending = 0;
    for await (const page of deps.subscribers.withStatus("pending")) pending += page.length;
    expect(pending).toBe(1);
    expect(await mailsTo(OWNER)).toEqual(["Confirm your codecurrent subscription"]);
  });

  it("answers a new and a known address with the same status, headers and body", async () => {
    await signUpAndConfirm(deps, local.stack.urls.inbox, { email: OWNER, ...CARDIOLOGY }, DAY_1);
    const { open, signUps } = localPages(deps, () => DAY_2);
    const form = (email: string) => ({
      form: { email, workSetting: "professional-fee", specialties: "cardiology" },
    });
    const known = await open("/subscriptions", form(OWNER));
    const fresh = await open("/subscriptions", form("someone.new@example.org"));
    expect(known).toEqual(fresh);
    await signUps.settled();
    // The work happened after the answer, for both.
    expect(await mailsTo("someone.new@example.org")).toEqual(["Confirm your codecurrent subscription"]);
    expect((await mailsTo(OWNER)).at(-1)).toBe("Confirm the changes to your codecurrent subscription");
  });
});

describe("the CEU log", () => {
  it("keeps entries as items of their own, pages them newest first, and refuses past its cap with a sentence", async () => {
    const id = await signUpAndConfirm(
      deps,
      local.stack.urls.inbox,
      { email: OWNER, ...CARDIOLOGY, credentials: [{ credential: "CPC", cycleEnd: "2027-06-30" }] },
      DAY_1,
    );
    const subscriber = (await deps.subscribers.get(id))!;
    for (let day = 1; day <= 25; day++) {
      await deps.ceuLog.log(id, { date: `2026-01-${String(day).padStart(2, "0")}`, hours: 1 });
    }
    const { open } = localPages(deps, () => DAY_1);
    const first = await open(signedLink(deps.baseUrl, deps.tokens, "ceu", subscriber, DAY_1));
    expect(first.body).toContain("<strong>25 of 36 CEUs</strong>");
    expect(String(first.body).match(/<td class="date">2026-01-\d\d<\/td>/g)).toHaveLength(20);
    expect(first.body).toContain(`<td class="date">2026-01-25</td>`);
    const older = /<a href="([^"]+)">Older entries<\/a>/
      .exec(String(first.body))![1]!
      .replace(/&amp;/g, "&")
      .replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));
    const second = await open(older);
    expect(String(second.body).match(/2026-01-\d\d(?=<\/td>)/g)).toEqual([
      "2026-01-05",
      "2026-01-04",
      "2026-01-03",
      "2026-01-02",
      "2026-01-01",
    ]);

    // At the cap (set directly: logging a thousand entries one by one proves nothing more).
    await local.clients.dynamo.send(
      new UpdateCommand({
        TableName: subscribersTable,
        Key: { subscriberId: id },
        UpdateExpression: "SET ceuEntryCount = :max",
        ExpressionAttributeValues: { ":max": CEU_LOG_MAX_ENTRIES },
      }),
    );
    const full = await open("/subscriptions/ceus", {
      form: { token: formToken(first), action: "log", date: "2026-02-01", hours: "2" },
    });
    expect(full.status).toBe(422);
    expect(full.body).toContain(
      `Your CEU log holds ${CEU_LOG_MAX_ENTRIES} entries, the most codecurrent keeps.`,
    );
  });

  it("refuses a date that does not exist with a sentence, and keeps what was typed", async () => {
    const id = await signUpAndConfirm(deps, local.stack.urls.inbox, { email: OWNER, ...CARDIOLOGY }, DAY_1);
    const subscriber = (await deps.subscribers.get(id))!;
    const { open } = localPages(deps, () => DAY_1);
    const page = await open(signedLink(deps.baseUrl, deps.tokens, "ceu", subscriber, DAY_1));
    const refused = await open("/subscriptions/ceus", {
      form: {
        token: formToken(page),
        action: "log",
        date: "2027-13-45",
        hours: "1.5",
        activity: "Cardiology webinar",
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain(
      '<a href="#date">2027-13-45 is not a real date: there is no month 13.</a>',
    );
    expect(refused.body).toContain('value="Cardiology webinar"');
    expect((await deps.ceuLog.page(id)).entries).toEqual([]);
  });
});
