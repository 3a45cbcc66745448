import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DIGEST_TABLES } from "#shared/aws/tables.js";
import { ceuCycles } from "#shared/ceu/ceu-cycle.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { type DigestDependencies, digestDependencies } from "#shared/digest/digest-dependencies.js";
import { dispatchDigests } from "#shared/digest/dispatch-digests.js";
import { InProcessDigestQueue } from "#shared/digest/in-process-digest-queue.js";
import { composeMime } from "#shared/email/mime-message.js";
import type { OutgoingEmail } from "#shared/email/outgoing-email.js";
import { sendCeuReminders } from "#shared/reminders/send-ceu-reminders.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import type { NewSubscriber } from "#shared/subscribers/subscriber.js";
import { subscribe } from "#shared/subscriptions/subscribe.js";
import { subscriptionApi } from "#shared/subscriptions/subscription-api.js";
import type { SubscriptionRequest } from "#shared/subscriptions/subscription-request.js";
import { suppressRecipients } from "#shared/suppression/suppress-recipients.js";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";
import { provisionTables } from "../../../infra/local/provision-tables.js";
import { useLocalStack } from "../support/local-stack.js";
import { icd10cmExcerpts } from "../support/order-file-excerpts.js";

const local = useLocalStack();
// Real ICD-10-CM FY2018 → FY2019 changes, a few chapters' worth (support/order-file-excerpts.ts):
// circulatory (I63, I67), skin (C43, L98) and others, enough to tell one specialty from another.
const excerpts = await icd10cmExcerpts();

const CARDIOLOGY = "cardio.cpc@example.org";
const DERMATOLOGY = "derm.coder@example.org";
const BOUNCED = "bounced.cardio@example.org";
const UNSUBSCRIBED = "left.cardio@example.org";

let deps: DigestDependencies;
/** Every email handed to SES in the current test, as codecurrent built it (the emulator drops custom headers). */
const handed: OutgoingEmail[] = [];
let people = 0;

const inboxOf = async (address: string) =>
  (await readLocalInbox(local.stack.urls.inbox)).filter((email) => email.destination.to.includes(address));

const get = (path: string, query: Record<string, string>): SubscriptionRequest => ({
  method: "GET",
  path,
  query,
  headers: {},
});
const tokenIn = (text: string, path: string) =>
  new URL(new RegExp(`https?://\\S+${path}\\?token=\\S+`).exec(text)![0]).searchParams.get("token")!;

async function signUpAndConfirm(email: string, preferences: Partial<NewSubscriber>): Promise<string> {
  const subscriber = await subscribe({ email, ...preferences } as NewSubscriber, deps);
  const [confirmation] = await inboxOf(email);
  expect(confirmation?.subject).toBe("Confirm your codecurrent subscription");
  const api = subscriptionApi(deps);
  const response = await api.handle(
    get("/subscriptions/confirm", { token: tokenIn(confirmation!.body.text!, "/subscriptions/confirm") }),
  );
  expect(response.status).toBe(200);
  return subscriber.subscriberId;
}

async function dispatch(now = new Date()) {
  const queue = new InProcessDigestQueue(deps);
  await dispatchDigests(deps.subscribers, queue, { now, ignoreSchedule: true });
  return queue.outcomes;
}

// The change log is collected once and only read. Everything about people is per test: fresh
// subscriber and delivery tables and an empty inbox, so no test depends on another's subscribers,
// deliveries or mail.
beforeAll(async () => {
  const collect = collectDependencies(local.env, local.clients);
  for (const [release, status] of [
    [excerpts.FY2018, "baseline"],
    [excerpts.FY2019, "succeeded"],
  ] as const) {
    excerpts.serve(local.stack.mirror, release);
    expect((await collectSource(icd10cm, collect, { release })).status).toBe(status);
  }
}, 120_000);

beforeEach(async () => {
  people += 1;
  const env = {
    ...local.env,
    subscribersTable: `digests-${people}-subscribers`,
    deliveriesTable: `digests-${people}-deliveries`,
    tokenSecret: "integration-test-secret-integration-test-secret",
  };
  await provisionTables(local.clients.dynamoRaw, [
    { definition: DIGEST_TABLES[0], tableName: env.subscribersTable },
    { definition: DIGEST_TABLES[1], tableName: env.deliveriesTable },
  ]);
  const cleared = await fetch(`${local.stack.urls.ses}/clear-store`, { method: "POST" });
  expect(cleared.ok).toBe(true);
  handed.length = 0;
  const base = await digestDependencies(env, local.clients);
  deps = {
    ...base,
    sender: {
      send: (email) => {
        handed.push(email);
        return base.sender.send(email);
      },
    },
  };
});

/** The cardiology CPC and the dermatology coder whose digests several tests read. */
async function signUpCardiologyAndDermatology(): Promise<void> {
  await signUpAndConfirm(CARDIOLOGY, {
    name: "Dana",
    interests: { specialties: ["cardiology"], codeSystems: ["icd10cm"] } as never,
    frequency: "daily",
    credentials: [{ credential: "CPC", cycleEnd: "2099-12-31" }],
  });
  await signUpAndConfirm(DERMATOLOGY, {
    interests: { specialties: ["dermatology"] } as never,
    frequency: "weekly",
  });
}

describe("digests sent through the local SES", () => {
  it("double opt-in: a pending subscriber gets only the confirmation email, and no digest", async () => {
    await subscribe(
      { email: "never.confirmed@example.org", interests: { specialties: ["cardiology"] } } as NewSubscriber,
      deps,
    );
    await dispatch();
    const mails = await inboxOf("never.confirmed@example.org");
    expect(mails.map((mail) => mail.subject)).toEqual(["Confirm your codecurrent subscription"]);
  });

  it("a cardiology CPC gets the real FY2019 I-chapter changes and not the dermatology ones; a dermatology coder the reverse", async () => {
    await signUpCardiologyAndDermatology();
    const bouncedId = await signUpAndConfirm(BOUNCED, {
      interests: { specialties: ["cardiology"] } as never,
    });
    const leftId = await signUpAndConfirm(UNSUBSCRIBED, {
      interests: { specialties: ["cardiology"] } as never,
    });

    // Before any digest: one address hard-bounces, one clicks the one-click unsubscribe.
    const bounce = {
      eventType: "Bounce",
      bounce: {
        bounceType: "Permanent",
        bounceSubType: "General",
        bouncedRecipients: [{ emailAddress: BOUNCED }],
      },
    };
    expect(await suppressRecipients([JSON.stringify(bounce)], deps.subscribers)).toBe(1);
    expect((await deps.subscribers.get(bouncedId))?.status).toBe("suppressed");
    const oneClick = await subscriptionApi(deps).handle({
      method: "POST",
      path: "/subscriptions/unsubscribe",
      query: { token: deps.tokens.sign("unsubscribe", leftId) },
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect((await deps.subscribers.get(leftId))?.status).toBe("unsubscribed");

    const outcomes = await dispatch();
    expect(outcomes.filter((o) => o.error)).toEqual([]);

    const [cardio] = (await inboxOf(CARDIOLOGY)).filter(
      (mail) => mail.subject !== "Confirm your codecurrent subscription",
    );
    expect(cardio?.subject).toMatch(/^codecurrent: \d+ changes? in ICD-10-CM$/);
    const text = cardio!.body.text!;
    expect(text).toContain("I63.81  New");
    expect(text).toContain("I67.85  New");
    expect(text).toContain("Evidence: https://www.cms.gov/");
    expect(text).toMatch(/Effective 2018-10-01/);
    expect(text).not.toMatch(/^L\d/m);
    expect(cardio!.body.html).toContain("I63.81");

    const [derm] = (await inboxOf(DERMATOLOGY)).filter(
      (mail) => mail.subject !== "Confirm your codecurrent subscription",
    );
    // Dermatology: chapter 12 (L) plus skin melanoma/carcinoma (C43-C44) and nevi (D22-D23).
    expect(derm!.body.text).toMatch(/^C43\.\d+ {2}New/m);
    expect(derm!.body.text).toMatch(/== ICD-10-CM \(source icd10cm, \d+ changes\) ==/);
    expect(derm!.body.text).not.toMatch(/^I\d\d/m);

    // Neither the bounced nor the unsubscribed address got anything after its confirmation.
    expect((await inboxOf(BOUNCED)).map((m) => m.subject)).toEqual(["Confirm your codecurrent subscription"]);
    expect((await inboxOf(UNSUBSCRIBED)).map((m) => m.subject)).toEqual([
      "Confirm your codecurrent subscription",
    ]);
  });

  it("the digest MIME carries List-Unsubscribe, one-click POST, and a plain-text part", async () => {
    await signUpCardiologyAndDermatology();
    await dispatch();
    const digest = handed.find(
      (email) => email.to === CARDIOLOGY && email.subject.startsWith("codecurrent:"),
    )!;
    const raw = (await composeMime(digest)).toString();
    const head = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
    expect(head).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:8787\/subscriptions\/unsubscribe\?token=[\w.-]+>$/m,
    );
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(digest.text).toContain("I63.81");
    expect(digest.text).not.toMatch(/<(table|td|a )/);
  });

  it("a second run in the same period sends no second email", async () => {
    await signUpCardiologyAndDermatology();
    const first = await dispatch();
    expect(first.map((o) => o.outcome?.status).filter((s) => s === "sent")).toHaveLength(2);
    const before = (await readLocalInbox(local.stack.urls.inbox)).length;
    const outcomes = await dispatch();
    expect(outcomes.map((o) => o.outcome?.status).filter((s) => s === "sent")).toEqual([]);
    expect((await readLocalInbox(local.stack.urls.inbox)).length).toBe(before);
  });

  it("CEU reminders follow the arithmetic on a dated example, once per threshold, and CEUs log through a signed link", async () => {
    const id = await signUpAndConfirm("ccs.inpatient@example.org", {
      interests: { specialties: ["inpatient-facility"] } as never,
      credentials: [
        { credential: "CCS", cycleEnd: "2027-01-20" },
        { credential: "RHIT", cycleEnd: "2027-01-20" },
      ],
    });
    const api = subscriptionApi(deps);
    const logged = await api.handle({
      method: "POST",
      path: "/subscriptions/ceus",
      query: { token: deps.tokens.sign("ceu", id) },
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        date: "2026-03-02",
        hours: 12.5,
        activity: "ICD-10-PCS root operations webinar",
      }),
    });
    expect(logged.status).toBe(201);
    // CCS + RHIT: 20 + 10 = 30 AHIMA CEUs; 12.5 logged → 17.5 remain; 2026-11-21 → 2027-01-20 is 60 days.
    const subscriber = (await deps.subscribers.get(id))!;
    expect(ceuCycles(subscriber.credentials, subscriber.ceus, "2026-11-21")[0]).toMatchObject({
      required: 30,
      earned: 12.5,
      remaining: 17.5,
      daysLeft: 60,
    });

    const now = new Date("2026-11-21T15:00:00Z");
    expect((await sendCeuReminders(deps, now)).sent).toBe(1);
    expect((await sendCeuReminders(deps, now)).sent).toBe(0);
    const reminders = (await inboxOf("ccs.inpatient@example.org")).filter((m) =>
      m.subject.startsWith("CEU reminder"),
    );
    expect(reminders.map((m) => m.subject)).toEqual(["CEU reminder: 17.5 CEUs due by 2027-01-20 (AHIMA)"]);
    expect(reminders[0]!.body.text).toContain("You have logged 12.5 of the 30 CEUs it requires.");
    // 30 days out the next threshold is due, once.
    expect((await sendCeuReminders(deps, new Date("2026-12-21T15:00:00Z"))).sent).toBe(1);
  });

  it("rejects a malformed, forged, wrong-purpose or expired token with a clear message and changes nothing", async () => {
    await signUpCardiologyAndDermatology();
    const api = subscriptionApi(deps);
    const subscriber = (await deps.subscribers.findByEmail(DERMATOLOGY))!;
    const answer = async (token: string) => {
      const response = await api.handle({
        method: "POST",
        path: "/subscriptions/unsubscribe",
        query: { token },
        headers: {},
        body: "List-Unsubscribe=One-Click",
      });
      return {
        status: response.status,
        ...(JSON.parse(response.body) as { error: string; problem: string }),
      };
    };
    expect(await answer("garbage")).toMatchObject({
      status: 400,
      problem: "malformed",
      error: expect.stringMatching(/incomplete or damaged/),
    });
    const expired = deps.tokens.sign(
      "unsubscribe",
      subscriber.subscriberId,
      new Date(Date.now() - 366 * 86_400_000),
    );
    expect(await answer(expired)).toMatchObject({
      status: 410,
      problem: "expired",
      error: expect.stringMatching(/expired/),
    });
    expect(await answer(deps.tokens.sign("preferences", subscriber.subscriberId))).toMatchObject({
      status: 403,
      problem: "wrong-purpose",
    });
    const [body] = deps.tokens.sign("unsubscribe", subscriber.subscriberId).split(".");
    expect(await answer(`${body}.AAAA`)).toMatchObject({ status: 401, problem: "bad-signature" });
    const missing = await api.handle(get("/subscriptions/confirm", {}));
    expect(missing.status).toBe(400);
    expect((await deps.subscribers.get(subscriber.subscriberId))?.status).toBe("active");
  });

  it("a subscriber whose send fails does not hold up the others, and is sent on the retry", async () => {
    const failing = "flaky.mailbox@example.org";
    const steady = "steady.reader@example.org";
    await signUpAndConfirm(failing, { interests: { specialties: ["cardiology"] } as never });
    await signUpAndConfirm(steady, { interests: { specialties: ["cardiology"] } as never });
    let refuse = true;
    const flaky: DigestDependencies = {
      ...deps,
      sender: {
        send: async (email) => {
          if (refuse && email.to === failing)
            throw Object.assign(new Error("SES unavailable"), { name: "ServiceUnavailable" });
          return deps.sender.send(email);
        },
      },
    };
    const queue = new InProcessDigestQueue(flaky);
    await dispatchDigests(deps.subscribers, queue, { ignoreSchedule: true });
    expect(queue.outcomes.filter((o) => o.error)).toEqual([
      expect.objectContaining({ error: "SES unavailable" }),
    ]);
    const digestsTo = async (address: string) =>
      (await inboxOf(address)).filter((mail) => mail.subject.startsWith("codecurrent:")).length;
    expect(await digestsTo(steady)).toBe(1);
    expect(await digestsTo(failing)).toBe(0);

    // The failed delivery's claim was given back: the queue's retry sends it, once.
    refuse = false;
    const retry = new InProcessDigestQueue(flaky);
    await dispatchDigests(deps.subscribers, retry, { ignoreSchedule: true });
    expect(await digestsTo(failing)).toBe(1);
    expect(await digestsTo(steady)).toBe(1);
  });

  it("preferences read and update through their signed link, validated", async () => {
    await signUpCardiologyAndDermatology();
    const api = subscriptionApi(deps);
    const subscriber = (await deps.subscribers.findByEmail(DERMATOLOGY))!;
    const token = deps.tokens.sign("preferences", subscriber.subscriberId);
    const read = await api.handle(get("/subscriptions/preferences", { token }));
    expect(JSON.parse(read.body)).toMatchObject({ status: "active", frequency: "weekly" });
    expect(read.body).not.toContain(DERMATOLOGY);
    const bad = await api.handle({
      method: "PUT",
      path: "/subscriptions/preferences",
      query: { token },
      headers: {},
      body: JSON.stringify({ timeZone: "Mars/Olympus" }),
    });
    expect(bad.status).toBe(422);
    const good = await api.handle({
      method: "PUT",
      path: "/subscriptions/preferences",
      query: { token },
      headers: {},
      body: JSON.stringify({
        frequency: "monthly",
        interests: { specialties: ["dermatology"], keywords: ["melanoma"] },
      }),
    });
    expect(good.status).toBe(200);
    expect((await deps.subscribers.get(subscriber.subscriberId))?.frequency).toBe("monthly");
  });
});
