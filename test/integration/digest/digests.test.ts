import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DIGEST_TABLES } from "#shared/aws/tables.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import type { Environment } from "#shared/config/environment.js";
import { type DigestDependencies, digestDependencies } from "#shared/digest/digest-dependencies.js";
import { dispatchDigests } from "#shared/digest/dispatch-digests.js";
import { InProcessDigestQueue } from "#shared/digest/in-process-digest-queue.js";
import { composeMime } from "#shared/email/mime-message.js";
import type { OutgoingEmail } from "#shared/email/outgoing-email.js";
import { sendCeuReminders } from "#shared/reminders/send-ceu-reminders.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { ceuStanding } from "#shared/subscribers/ceu-standing.js";
import type { NewSubscriber } from "#shared/subscribers/subscriber.js";
import { handleSignUpRequest } from "#shared/subscriptions/handle-sign-up-request.js";
import { signedLink } from "#shared/subscriptions/subscription-links.js";
import { suppressRecipients } from "#shared/suppression/suppress-recipients.js";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";
import { provisionTables } from "../../../infra/local/provision-tables.js";
import { useLocalStack } from "../support/local-stack.js";
import { icd10cmExcerpts } from "../support/order-file-excerpts.js";
import {
  formToken,
  inboxOf as inboxAt,
  linkIn,
  localPages,
  signUpAndConfirm,
} from "../support/subscription-pages.js";

const local = useLocalStack();
// Real ICD-10-CM FY2018 → FY2019 changes, a few chapters' worth (support/order-file-excerpts.ts):
// circulatory (I63, I67), skin (C43, L98) and others, enough to tell one specialty from another.
const excerpts = await icd10cmExcerpts();

const CARDIOLOGY = "cardio.cpc@example.org";
const DERMATOLOGY = "derm.coder@example.org";
const BOUNCED = "bounced.cardio@example.org";
const UNSUBSCRIBED = "left.cardio@example.org";
const CONFIRM = /^Confirm your codecurrent subscription$/;

let deps: DigestDependencies;
/** Every email handed to SES in the current test, as codecurrent built it (the emulator drops custom headers). */
const handed: OutgoingEmail[] = [];
let people = 0;

const inboxOf = (address: string) => inboxAt(local.stack.urls.inbox, address);
const confirmed = (email: string, preferences: Partial<NewSubscriber>) =>
  signUpAndConfirm(deps, local.stack.urls.inbox, { email, ...preferences } as NewSubscriber);

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
  // Every people table of its own for this test (subscribers, deliveries, addresses, CEU log).
  const names = Object.fromEntries(
    DIGEST_TABLES.map((table) => [`${table.name}Table`, `digests-${people}-${table.name}`]),
  );
  const env = {
    ...local.env,
    ...names,
    tokenSecret: "integration-test-secret-integration-test-secret",
  } as Environment;
  await provisionTables(
    local.clients.dynamoRaw,
    DIGEST_TABLES.map((definition) => ({ definition, tableName: names[`${definition.name}Table`]! })),
  );
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
  await confirmed(CARDIOLOGY, {
    name: "Dana",
    interests: { workSetting: "professional-fee", specialties: ["cardiology"] } as never,
    frequency: "daily",
    credentials: [{ credential: "CPC", cycleEnd: "2099-12-31" }],
  });
  await confirmed(DERMATOLOGY, {
    interests: { workSetting: "professional-fee", specialties: ["dermatology"] } as never,
    frequency: "weekly",
  });
}

describe("digests sent through the local SES", () => {
  it("double opt-in: a pending subscriber gets only the confirmation email, and no digest", async () => {
    const outcome = await handleSignUpRequest(
      {
        kind: "sign-up",
        email: "never.confirmed@example.org",
        preferences: { interests: { specialties: ["cardiology"] } } as never,
        requestedAt: new Date().toISOString(),
      },
      deps,
    );
    expect(outcome).toMatchObject({ status: "sent", created: true });
    await dispatch();
    expect((await inboxOf("never.confirmed@example.org")).map((mail) => mail.subject)).toEqual([
      "Confirm your codecurrent subscription",
    ]);
  });

  it("a professional-fee cardiology CPC gets her FY2019 I-chapter changes; a dermatology coder the skin chapter", async () => {
    await signUpCardiologyAndDermatology();
    const bouncedId = await confirmed(BOUNCED, { interests: { specialties: ["cardiology"] } as never });
    const leftId = await confirmed(UNSUBSCRIBED, { interests: { specialties: ["cardiology"] } as never });

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
    const left = (await deps.subscribers.get(leftId))!;
    const { open } = localPages(deps);
    const oneClick = await open(signedLink(deps.baseUrl, deps.tokens, "unsubscribe", left), {
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect((await deps.subscribers.get(leftId))?.status).toBe("unsubscribed");

    const outcomes = await dispatch();
    expect(outcomes.filter((o) => o.error)).toEqual([]);

    const [cardio] = (await inboxOf(CARDIOLOGY)).filter((mail) => !CONFIRM.test(mail.subject));
    expect(cardio?.subject).toMatch(/^codecurrent: \d+ changes? in ICD-10-CM$/);
    const text = cardio!.body.text!;
    expect(text).toContain("I63.8: deleted — now a header: use its new subcodes I63.81 and I63.89");
    expect(text).toContain("I67.85: new heading (not a billable code)");
    expect(text).toContain("Official file: https://www.cms.gov/");
    expect(text).toContain("in effect since 2018-10-01");
    expect(text).not.toMatch(/^L\d/m);
    expect(cardio!.body.html).toContain("I63.81");

    const [derm] = (await inboxOf(DERMATOLOGY)).filter((mail) => !CONFIRM.test(mail.subject));
    // Dermatology: chapter 12 (L) plus skin melanoma/carcinoma (C43-C44) and nevi (D22-D23).
    expect(derm!.body.text).toMatch(/^C43\.\d+: /m);
    expect(derm!.body.text).toMatch(/== ICD-10-CM: \d+ changes \(0 upcoming, \d+ already in effect\) ==/);
    expect(derm!.body.text).not.toMatch(/^I\d\d/m);

    // Neither the bounced nor the unsubscribed address got anything after its confirmation.
    expect((await inboxOf(BOUNCED)).map((m) => m.subject)).toEqual(["Confirm your codecurrent subscription"]);
    expect((await inboxOf(UNSUBSCRIBED)).map((m) => m.subject)).toEqual([
      "Confirm your codecurrent subscription",
    ]);
  });

  it("the digest MIME carries List-Unsubscribe, one-click POST, and a plain-text part; its links open pages", async () => {
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
    expect(digest.text).not.toMatch(/<(table|td|a )/);
    const { open } = localPages(deps);
    for (const path of [
      "/subscriptions/preferences",
      "/subscriptions/unsubscribe",
      "/subscriptions/digest",
    ]) {
      const page = await open(linkIn(digest.text, path));
      expect([path, page.status, page.headers["content-type"]]).toEqual([
        path,
        200,
        "text/html; charset=utf-8",
      ]);
    }
    const whole = await open(linkIn(digest.text, "/subscriptions/digest"));
    expect(whole.body).toContain(
      "I63.8</span> <strong>deleted — now a header: use its new subcodes I63.81 and I63.89",
    );
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

  it("CEU reminders follow the arithmetic on a dated example, once per threshold, and CEUs log on the CEU page", async () => {
    const id = await confirmed("ccs.inpatient@example.org", {
      interests: { workSetting: "facility-inpatient", specialties: ["inpatient-facility"] } as never,
      credentials: [
        { credential: "CCS", cycleEnd: "2027-01-20" },
        { credential: "RHIT", cycleEnd: "2027-01-20" },
      ],
    });
    const subscriber = (await deps.subscribers.get(id))!;
    const { open } = localPages(deps);
    const page = await open(signedLink(deps.baseUrl, deps.tokens, "ceu", subscriber));
    const logged = await open("/subscriptions/ceus", {
      form: {
        token: formToken(page),
        action: "log",
        date: "2026-03-02",
        hours: "12.5",
        activity: "ICD-10-PCS root operations webinar",
      },
    });
    expect(logged.status).toBe(303);
    // CCS + RHIT: 20 + 10 = 30 AHIMA CEUs; 12.5 logged → 17.5 remain; 2026-11-21 → 2027-01-20 is 60 days.
    expect((await ceuStanding(subscriber, deps.ceuLog, "2026-11-21"))[0]).toMatchObject({
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
    expect(reminders.map((m) => m.subject)).toEqual(["CEU reminder: 17.5 CEUs to go by 2027-01-20 (AHIMA)"]);
    expect(reminders[0]!.body.text).toContain("You have logged 12.5 of the 30 CEUs it requires.");
    // 30 days out the next threshold is due, once.
    expect((await sendCeuReminders(deps, new Date("2026-12-21T15:00:00Z"))).sent).toBe(1);
  });

  it("answers a damaged, forged, wrong-purpose or expired link with a page that says so, and changes nothing", async () => {
    await signUpCardiologyAndDermatology();
    const { open } = localPages(deps);
    const subscriber = (await deps.subscribers.findByEmail(DERMATOLOGY))!;
    const answer = async (token: string) => {
      const page = await open(`/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`, {
        body: "List-Unsubscribe=One-Click",
      });
      return { status: page.status, heading: /<h1>([^<]+)<\/h1>/.exec(String(page.body))?.[1] };
    };
    expect(await answer("garbage")).toEqual({ status: 400, heading: "This link is not complete" });
    const expired = deps.tokens.sign(
      "unsubscribe",
      subscriber.subscriberId,
      { generation: 1 },
      new Date(Date.now() - 366 * 86_400_000),
    );
    expect(await answer(expired)).toEqual({ status: 410, heading: "This link has expired" });
    expect(await answer(deps.tokens.sign("preferences", subscriber.subscriberId, { generation: 1 }))).toEqual(
      {
        status: 400,
        heading: "This link is for another page",
      },
    );
    const [body] = deps.tokens.sign("unsubscribe", subscriber.subscriberId, { generation: 1 }).split(".");
    expect(await answer(`${body}.AAAA`)).toEqual({ status: 400, heading: "This link has been changed" });
    expect((await open("/subscriptions/confirm")).status).toBe(400);
    expect((await deps.subscribers.get(subscriber.subscriberId))?.status).toBe("active");
  });

  it("a subscriber whose send fails does not hold up the others, and is sent on the retry", async () => {
    const failing = "flaky.mailbox@example.org";
    const steady = "steady.reader@example.org";
    await confirmed(failing, { interests: { specialties: ["cardiology"] } as never });
    await confirmed(steady, { interests: { specialties: ["cardiology"] } as never });
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

  it("preferences show and save on their page, validated, the address never shown", async () => {
    await signUpCardiologyAndDermatology();
    const { open } = localPages(deps);
    const subscriber = (await deps.subscribers.findByEmail(DERMATOLOGY))!;
    const page = await open(signedLink(deps.baseUrl, deps.tokens, "preferences", subscriber));
    expect(page.body).toContain('<input type="radio" name="workSetting" value="professional-fee" checked>');
    expect(page.body).not.toContain(DERMATOLOGY);
    const token = formToken(page);
    const bad = await open("/subscriptions/preferences", {
      form: { token, workSetting: "professional-fee", timeZone: "Mars/Olympus" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toContain('<a href="#timeZone">Choose a time zone from the list.</a>');
    const good = await open("/subscriptions/preferences", {
      form: {
        token,
        workSetting: "professional-fee",
        specialties: "dermatology",
        keywords: "melanoma",
        frequency: "monthly",
      },
    });
    expect(good.status).toBe(303);
    const saved = (await deps.subscribers.get(subscriber.subscriberId))!;
    expect(saved.frequency).toBe("monthly");
    expect(saved.interests.keywords).toEqual(["melanoma"]);
  });
});
