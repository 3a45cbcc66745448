import { describe, expect, it } from "vitest";
import { ChangeIndex } from "#shared/digest/change-index.js";
import { composeDigest } from "#shared/digest/compose-digest.js";
import { ITEMS_PER_DIGEST } from "#shared/digest/digest-content.js";
import { isDigestDue } from "#shared/digest/digest-period.js";
import { preferencesSchema, type Subscriber } from "#shared/subscribers/subscriber.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";
import { realChanges } from "./real-changes.js";

const composer = {
  tokens: new SubscriptionTokens("unit-test-secret-unit-test-secret-123456"),
  baseUrl: "https://api.example.org",
  from: "digest@example.org",
};
const icd10cm = realChanges("icd10cm");

function subscriber(preferences: unknown, extra: Partial<Subscriber> = {}): Subscriber {
  return {
    ...preferencesSchema.parse(preferences),
    subscriberId: "sub_1",
    email: "coder@example.org",
    emailHash: "h",
    status: "active",
    createdAt: "2026-01-01T00:00:00Z",
    ceus: [],
    ...extra,
  };
}

// 2026-11-10: no regulatory date within two weeks, so a digest without matches is empty.
const QUIET_DAY = new Date("2026-11-10T12:00:00Z");

describe("composing a digest", () => {
  it("lists each matched change with before/after, effective date and evidence link, in both parts", () => {
    const digest = composeDigest(
      subscriber({ interests: { specialties: ["cardiology"], codeSystems: ["icd10cm"] } }),
      new ChangeIndex(icd10cm),
      composer,
      QUIET_DAY,
    )!;
    expect(digest.rendered.subject).toMatch(/^codecurrent: \d+ changes in ICD-10-CM$/);
    for (const part of [digest.rendered.text, digest.rendered.html]) {
      expect(part).toContain("I63.81");
      expect(part).toContain("Effective 2018-10-01");
      expect(part).toContain(
        "https://www.cms.gov/Medicare/Coding/ICD10/Downloads/2019-ICD-10-CM-Code-Descriptions.zip",
      );
      expect(part).toContain("https://api.example.org/subscriptions/unsubscribe?token=");
    }
    expect(digest.rendered.text).toMatch(
      /longTitle: "Cerebral infarction to thrombosis of bilateral posterior cerebral arteries" -> "Cerebral infarction due to thrombosis/,
    );
    expect(digest.rendered.text).not.toMatch(/<[a-z]|&amp;|&lt;/);
    expect(digest.email.unsubscribeUrl).toMatch(
      /^https:\/\/api\.example\.org\/subscriptions\/unsubscribe\?token=/,
    );
  });

  it("escapes everything a change or subscriber brings into the HTML", () => {
    const hostile = {
      ...icd10cm.find((c) => c.key.startsWith("I"))!,
      title: `<script>alert("x")</script> & co`,
    };
    const digest = composeDigest(
      subscriber({ interests: { specialties: ["cardiology"] } }, { name: "<img src=x>" }),
      new ChangeIndex([hostile]),
      composer,
      QUIET_DAY,
    )!;
    expect(digest.rendered.html).not.toContain("<script>");
    expect(digest.rendered.html).not.toContain("<img src=x>");
    expect(digest.rendered.html).toContain("&lt;script&gt;");
    expect(digest.rendered.text).toContain(`<script>alert("x")</script> & co`);
  });

  it("is empty, and so not sent, when nothing matches and nothing is coming up", () => {
    expect(
      composeDigest(
        subscriber({ interests: { codeRanges: ["Z99.89"] } }),
        new ChangeIndex(icd10cm),
        composer,
        QUIET_DAY,
      ),
    ).toBeUndefined();
  });

  it("gives a regulatory heads-up two weeks before an effective date, even without matches", () => {
    const digest = composeDigest(
      subscriber({ interests: { codeRanges: ["Z99.89"] } }),
      new ChangeIndex([]),
      composer,
      new Date("2026-12-20T12:00:00Z"),
    )!;
    expect(digest.rendered.text).toMatch(/COMING UP IN THE NEXT TWO WEEKS\n- 2027-01-01: CPT annual update/);
  });

  it("shows the CEU standing of every credential body", () => {
    const digest = composeDigest(
      subscriber(
        {
          interests: { specialties: ["cardiology"] },
          credentials: [{ credential: "CPC", cycleEnd: "2027-01-31" }],
        },
        { ceus: [{ date: "2026-05-01", hours: 20, auditing: false }] },
      ),
      new ChangeIndex(icd10cm),
      composer,
      QUIET_DAY,
    )!;
    expect(digest.rendered.text).toContain(
      "- AAPC (CPC): 20 of 36 earned, 16 to go, cycle ends 2027-01-31 (82 days)",
    );
  });

  it("caps a huge match (a whole code system) and says how many more there are", () => {
    const digest = composeDigest(
      subscriber({ interests: { codeSystems: ["icd10cm"] } }),
      new ChangeIndex(icd10cm),
      composer,
      QUIET_DAY,
    )!;
    const shown = digest.content.groups.reduce((sum, group) => sum + group.items.length, 0);
    expect(shown).toBeLessThanOrEqual(ITEMS_PER_DIGEST);
    expect(digest.changeCount).toBe(icd10cm.length);
    expect(digest.rendered.text).toMatch(/\.\.\.and \d+ more in this group\./);
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

describe("heads-up without matching changes", () => {
  it("is sent once when a date comes into the two-week window, not again in the next daily digest", () => {
    const quiet = subscriber({ interests: { codeRanges: ["Z99.89"] }, frequency: "daily" });
    const at = new Date("2026-12-20T12:00:00Z");
    // The CPT January 1 heads-up opened on 2026-12-18.
    const first = composeDigest(quiet, new ChangeIndex([]), composer, at, "2026-12-17T12:00:00Z");
    expect(first?.changeCount).toBe(0);
    expect(first?.content.headsUp).toContainEqual(
      expect.objectContaining({ date: "2027-01-01", title: "CPT annual update" }),
    );
    expect(composeDigest(quiet, new ChangeIndex([]), composer, at, "2026-12-19T12:00:00Z")).toBeUndefined();
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
    const digest = composeDigest(
      subscriber({ interests: { specialties: ["cardiology"] } }),
      new ChangeIndex([old, upcoming]),
      composer,
      QUIET_DAY,
    )!;
    expect(digest.content.groups.map((g) => g.sourceId)).toEqual(["icd10cm-april", "icd10cm"]);
    expect(digest.content.groups[0]!.items[0]).toMatchObject({ code: "I25.99", effectiveSoon: true });
    expect(digest.rendered.text.indexOf("I25.99  New  [effective soon]")).toBeLessThan(
      digest.rendered.text.indexOf(old.key.slice(0, 3)),
    );
  });
});
