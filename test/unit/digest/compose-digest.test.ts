import { describe, expect, it } from "vitest";
import { ceuCycles } from "#shared/ceu/ceu-cycle.js";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { ChangeIndex } from "#shared/digest/change-index.js";
import { type ComposedDigest, composeDigest } from "#shared/digest/compose-digest.js";
import { EMAIL_CAPS } from "#shared/digest/digest-content.js";
import { isDigestDue } from "#shared/digest/digest-period.js";
import { ncciMuePractitioner } from "#shared/sources/ncci-mue.js";
import { ncciPtpPractitioner } from "#shared/sources/ncci-ptp.js";
import { ncciPtpMedicaidPractitioner } from "#shared/sources/ncci-ptp-medicaid.js";
import { CARDIOLOGY_PRACTICE_TOP_CODES } from "#shared/subscribers/demo-subscribers.js";
import { preferencesSchema, type Subscriber } from "#shared/subscribers/subscriber.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";
import { realChanges, replayedChanges } from "./real-changes.js";

const tokens = new SubscriptionTokens("unit-test-secret-unit-test-secret-123456");
const composer = { tokens, baseUrl: "https://pages.example.org", from: "digest@example.org" };
const icd10cm = realChanges("icd10cm");
const icd10pcs = realChanges("icd10pcs");

function subscriber(preferences: unknown, extra: Partial<Subscriber> = {}): Subscriber {
  return {
    ...preferencesSchema.parse(preferences),
    subscriberId: "sub_1",
    email: "coder@example.org",
    emailHash: "h",
    status: "active",
    createdAt: "2026-01-01T00:00:00Z",
    tokenGeneration: 1,
    ...extra,
  };
}

// 2026-11-10: no regulatory date inside its heads-up window, so a digest without matches is empty.
const QUIET_DAY = new Date("2026-11-10T12:00:00Z");

function compose(
  reader: Subscriber,
  changes: readonly ChangeRecord[],
  now = QUIET_DAY,
  since = new Date(now.getTime() - 86_400_000).toISOString(),
  cycles: ReturnType<typeof ceuCycles> = [],
): ComposedDigest | undefined {
  return composeDigest(
    { subscriber: reader, changes: new ChangeIndex(changes), ceuCycles: cycles, since, now },
    composer,
  );
}

const CARDIOLOGY_CPC = subscriber({
  interests: {
    workSetting: "professional-fee",
    specialties: ["cardiology"],
    watchlist: CARDIOLOGY_PRACTICE_TOP_CODES,
  },
});

describe("composing a digest", () => {
  it("words each matched change, with when it takes effect and its official file, in both parts", () => {
    const digest = compose(
      subscriber({ interests: { specialties: ["cardiology"], codeSystems: ["icd10cm"] } }),
      icd10cm,
    )!;
    expect(digest.rendered.subject).toMatch(/^codecurrent: \d+ changes in ICD-10-CM$/);
    for (const part of [digest.rendered.text, digest.rendered.html]) {
      expect(part).toContain("I63.81");
      expect(part).toContain("in effect since 2018-10-01");
      expect(part).toContain(
        "https://www.cms.gov/Medicare/Coding/ICD10/Downloads/2019-ICD-10-CM-Code-Descriptions.zip",
      );
      expect(part).toContain("https://pages.example.org/subscriptions/unsubscribe?token=");
      expect(part).toContain("https://pages.example.org/subscriptions/digest?token=");
    }
    expect(digest.rendered.text).toContain(
      "I63.8: deleted — now a header: use its new subcodes I63.81 and I63.89\n  Other cerebral infarction",
    );
    expect(digest.rendered.text).toContain(
      "Title was “Cerebral infarction due to unspecified occlusion or stenosis of unspecified vertebral arteries”; now “Cerebral infarction due to unspecified occlusion or stenosis of unspecified vertebral artery”.",
    );
    expect(digest.rendered.text).not.toMatch(/<[a-z]|&amp;|&lt;/);
    expect(digest.email.unsubscribeUrl).toMatch(
      /^https:\/\/pages\.example\.org\/subscriptions\/unsubscribe\?token=/,
    );
  });

  it("escapes everything a change or subscriber brings into the HTML", () => {
    const hostile = {
      ...icd10cm.find((c) => c.key.startsWith("I"))!,
      title: `<script>alert("x")</script> & co`,
    };
    const digest = compose(
      subscriber({ interests: { specialties: ["cardiology"] } }, { name: "<img src=x>" }),
      [hostile],
    )!;
    expect(digest.rendered.html).not.toContain("<script>");
    expect(digest.rendered.html).not.toContain("<img src=x>");
    expect(digest.rendered.html).toContain("&lt;script&gt;");
    expect(digest.rendered.text).toContain(`<script>alert("x")</script> & co`);
  });

  it("is empty, and so not sent, when nothing matches and no date is newly announced", () => {
    expect(compose(subscriber({ interests: { codeRanges: ["Z99.89"] } }), icd10cm)).toBeUndefined();
  });

  it("shows the CEU standing of every credential body, credentials' own parts included", () => {
    const reader = subscriber({
      interests: { specialties: ["cardiology"] },
      credentials: [
        { credential: "CPC", cycleEnd: "2027-01-31" },
        { credential: "CCC", cycleEnd: "2027-01-31" },
      ],
    });
    const cycles = ceuCycles(
      reader.credentials,
      [{ date: "2026-05-01", hours: 20, approvedFor: "CCC" }],
      "2026-11-10",
    );
    const digest = compose(reader, icd10cm, QUIET_DAY, undefined, cycles)!;
    expect(digest.rendered.text).toContain(
      "- AAPC (CPC, CCC): 20 of 40 earned, 20 to go, cycle ends 2027-01-31 (82 days); CCC (cardiology) 20 of 8",
    );
  });
});

describe("a professional-fee cardiology coder with a 20-code watchlist", () => {
  const digest = compose(CARDIOLOGY_CPC, [...icd10cm, ...icd10pcs])!;

  it("gets no ICD-10-PCS change: her work setting does not use inpatient procedure codes", () => {
    expect(digest.content.groups.map((group) => group.system)).not.toContain("icd10pcs");
    expect(digest.content.yourCodes?.items.every((item) => !/^[0-9A-HJ-NP-Z]{7}$/.test(item.code))).toBe(
      true,
    );
    // The same specialty in an inpatient facility gets them (cardiology names PCS sections 02, 03…).
    const inpatient = compose(
      subscriber({ interests: { workSetting: "facility-inpatient", specialties: ["cardiology"] } }),
      [...icd10cm, ...icd10pcs],
    )!;
    expect(inpatient.content.groups.map((group) => group.system)).toContain("icd10pcs");
  });

  it("opens with her watchlist: the code she bills that was deleted, and what to use instead", () => {
    expect(digest.content.yourCodes?.summary[0]).toBe(
      "1 code you bill was deleted: I63.8 (use I63.81 and I63.89).",
    );
    expect(digest.content.yourCodes?.items[0]).toMatchObject({
      code: "I63.8",
      headline: "deleted — now a header: use its new subcodes I63.81 and I63.89",
      watched: true,
    });
    const text = digest.rendered.text;
    expect(text.indexOf("YOUR CODES")).toBeLessThan(text.indexOf("== ICD-10-CM"));
    expect(digest.rendered.subject).toMatch(/^codecurrent: 3 changes to codes you bill, \d+ in all$/);
    // The watchlist's hits are not listed twice.
    const rest = digest.content.groups.flatMap((group) => group.items.map((item) => item.code));
    expect(rest).not.toContain("I63.8");
  });

  it("says what is already in effect and what is upcoming, in the header and on every item", () => {
    expect(digest.rendered.text).toMatch(/\d+ changes in your codes: 0 upcoming, \d+ already in effect/);
    const upcoming = {
      ...icd10cm.find((c) => c.key === "I6381")!,
      id: "u",
      key: "I25112",
      effectiveDate: "2026-12-01",
    };
    const soon = compose(CARDIOLOGY_CPC, [upcoming])!;
    expect(soon.content.upcoming).toBe(1);
    expect(soon.rendered.text).toContain("UPCOMING: takes effect 2026-12-01 (in 21 days)");
  });
});

const replayedNcci = [
  ...(await replayedChanges(ncciPtpPractitioner)),
  ...(await replayedChanges(ncciMuePractitioner)),
];

describe("NCCI and MUE changes, from the replayed practitioner tables", () => {
  const compliance = subscriber({
    interests: { workSetting: "payer-compliance", codeSystems: ["ncci-ptp", "ncci-mue"] },
  });
  const digest = compose(compliance, replayedNcci)!;

  it("read as sentences a coder acts on", () => {
    const text = digest.rendered.text;
    expect(text).toContain("0001U + 0029U: edit removed from 2026-07-01 — may be billed together");
    expect(text).toContain("The edit applied through 2026-06-30.");
    expect(text).toContain("0001U + 81162: modifier now allowed (indicator 1)");
    expect(text).toContain("0001U + 81166: new edit from 2026-07-01: 81166 is bundled into 0001U");
    expect(text).toContain("0002M: 2 → 1 unit per day (date-of-service edit, clinical)");
    expect(text).toContain(
      "0003U: now a date-of-service edit, policy (was a date-of-service edit, clinical): 1 unit per day",
    );
    expect(text).toContain("0040M: MUE removed — no unit limit published");
  });

  it("name the table each edit is in, and an edit in two tables once on the watchlist's summary", async () => {
    const auditor = subscriber({ interests: { workSetting: "payer-compliance", watchlist: ["0001U"] } });
    const both = compose(auditor, [
      ...(await replayedChanges(ncciPtpPractitioner)),
      ...(await replayedChanges(ncciPtpMedicaidPractitioner)),
    ])!;
    expect(both.content.yourCodes?.summary).toContain(
      "1 new NCCI edit bundles codes you bill: 0001U + 81166 (in 2 tables).",
    );
    expect(both.rendered.text).toContain("release v322r0 (Medicare practitioner table)");
    expect(both.rendered.text).toContain("release v322r0 (Medicaid practitioner table)");
  });

  it("never show CMS's `*`, a YYYYMMDD date or a field's programming name", () => {
    for (const part of [digest.rendered.text, digest.rendered.html.replace(/<[^>]+>/g, " ")]) {
      const prose = part.replace(/https?:\/\/\S+/g, "");
      expect(prose).not.toMatch(/\*/);
      expect(prose).not.toMatch(/\b(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b/);
      expect(prose).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/);
    }
  });
});

describe("the calendar a coder plans by", () => {
  it("a December 1 digest carries the January 1 CPT, HCPCS and NCCI heads-up, even with no change", () => {
    const digest = compose(
      subscriber({ interests: { codeRanges: ["Z99.89"] } }),
      [],
      new Date("2026-12-01T13:00:00Z"),
      "2026-11-01T13:00:00Z",
    )!;
    expect(digest.changeCount).toBe(0);
    expect(digest.rendered.text).toMatch(
      /COMING UP\n- 2027-01-01 \(in 31 days\): CPT annual update; .*HCPCS Level II quarterly update; NCCI edits quarterly update/,
    );
  });

  it("announces the dates of the reader's own code sets: no CPT year for an inpatient facility coder", () => {
    const at = new Date("2026-12-01T13:00:00Z");
    const heads = (workSetting: string) =>
      compose(
        subscriber({ interests: { workSetting, codeRanges: ["Z99.89"] } }),
        [],
        at,
        "2026-11-01T13:00:00Z",
      )?.content.headsUp.flatMap((day) => day.events.map((event) => event.title)) ?? [];
    expect(heads("facility-inpatient")).toEqual([]);
    expect(heads("professional-fee")).toContain("CPT annual update");
    expect(heads("dme-supplier")).toEqual(["HCPCS Level II quarterly update", "NCCI edits quarterly update"]);
  });

  it("sends a heads-up once per announcement, not again in the next daily digest", () => {
    const quiet = subscriber({ interests: { codeRanges: ["Z99.89"] }, frequency: "daily" });
    const at = new Date("2026-11-21T13:00:00Z");
    // CPT January 1 is announced six weeks ahead: on 2026-11-20.
    expect(compose(quiet, [], at, "2026-11-19T13:00:00Z")?.content.headsUp[0]).toMatchObject({
      date: "2027-01-01",
    });
    expect(compose(quiet, [], at, "2026-11-20T13:00:00Z")).toBeUndefined();
  });

  it("announces an ICD-10 release as soon as it is published, ahead of its October 1", () => {
    // The FY2019 files as if published on 2018-06-20, with the reader's codes among them.
    const published = icd10cm.map((change) => ({ ...change, detectedAt: "2018-06-20T06:00:00.000Z" }));
    const digest = compose(
      CARDIOLOGY_CPC,
      published,
      new Date("2018-06-21T13:00:00Z"),
      "2018-06-20T00:00:00Z",
    )!;
    const october = digest.content.headsUp.find((day) => day.date === "2018-10-01");
    expect(october?.events).toEqual([
      {
        title: "ICD-10-CM FY2019 is published",
        detail: expect.stringMatching(/^\d+ changes take effect 2018-10-01, \d+ of them in your codes/),
      },
    ]);
    expect(digest.content.yourCodes?.items[0]?.when).toBe("takes effect 2018-10-01 (in 102 days)");
  });
});

describe("a digest of every change of two code sets (an auditor following ICD-10-CM and ICD-10-PCS whole)", () => {
  const whole = compose(
    subscriber({ interests: { workSetting: "payer-compliance", codeSystems: ["icd10cm", "icd10pcs"] } }),
    [...icd10cm, ...icd10pcs],
  )!;

  it("shows a capped selection, says how many more each group has and links them to the web page", () => {
    const shown = whole.content.groups.reduce((sum, group) => sum + group.items.length, 0);
    expect(shown).toBeLessThanOrEqual(EMAIL_CAPS.perDigest);
    expect(whole.changeCount).toBe(icd10cm.length + icd10pcs.length);
    expect(whole.rendered.text).toMatch(
      /\.\.\.and [\d,]+ more in this group: https:\/\/pages\.example\.org\/subscriptions\/digest\?token=\S+#icd10pcs--icd10pcs/,
    );
    expect(whole.rendered.html).toMatch(
      /href="https:\/\/pages\.example\.org\/subscriptions\/digest\?token=[^"]+#icd10pcs--icd10pcs"/,
    );
  });

  it("stays under Gmail's 102 KB clipping limit", () => {
    expect(whole.changeCount).toBe(6_849);
    expect(Buffer.byteLength(whole.rendered.html)).toBeLessThan(102 * 1024);
  });
});

describe("when a digest is due", () => {
  const at = (iso: string) => new Date(iso);
  it("sends at the subscriber's local send hour; weekly on Mondays, monthly on the 1st", () => {
    const daily = { frequency: "daily" as const, timeZone: "America/Chicago", sendHour: 7 };
    expect(isDigestDue(daily, at("2026-11-23T13:00:00Z"))).toBe(true);
    expect(isDigestDue(daily, at("2026-11-23T12:00:00Z"))).toBe(false);
    expect(isDigestDue({ ...daily, frequency: "weekly" }, at("2026-11-23T13:00:00Z"))).toBe(true);
    expect(isDigestDue({ ...daily, frequency: "weekly" }, at("2026-11-24T13:00:00Z"))).toBe(false);
    expect(isDigestDue({ ...daily, frequency: "monthly" }, at("2026-12-01T13:00:00Z"))).toBe(true);
  });
});

describe("ordering", () => {
  it("puts changes taking effect soon before those already in effect, across groups", () => {
    const [old, soon] = [
      icd10cm.find((c) => c.key.startsWith("I"))!,
      icd10cm.find((c) => c.key.startsWith("I6"))!,
    ];
    const upcoming = {
      ...soon,
      id: "soon",
      key: "I2599",
      displayCode: "I25.99",
      sourceId: "icd10cm-april",
      effectiveDate: "2026-12-01",
    };
    const digest = compose(subscriber({ interests: { specialties: ["cardiology"] } }), [old, upcoming])!;
    expect(digest.content.groups.map((g) => g.sourceId)).toEqual(["icd10cm-april", "icd10cm"]);
    expect(digest.content.groups[0]!.items[0]).toMatchObject({
      code: "I25.99",
      effectiveSoon: true,
      timing: "upcoming",
    });
    expect(digest.rendered.text.indexOf("I25.99:")).toBeLessThan(
      digest.rendered.text.indexOf(`${old.key.slice(0, 3)}.`),
    );
  });
});
