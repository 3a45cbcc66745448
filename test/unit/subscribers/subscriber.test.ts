import { describe, expect, it } from "vitest";
import { emailHash, normalizeEmail } from "#shared/subscribers/email-address.js";
import { ceuEntrySchema, newSubscriberSchema } from "#shared/subscribers/subscriber.js";
import { canMoveTo, isMailable } from "#shared/subscribers/subscriber-status.js";

describe("a new subscriber", () => {
  it("gets sensible defaults: weekly at 7 am New York time, no interests yet", () => {
    expect(newSubscriberSchema.parse({ email: "coder@example.org" })).toMatchObject({
      frequency: "weekly",
      timeZone: "America/New_York",
      sendHour: 7,
      interests: { specialties: [], codeSystems: [], codeRanges: [], keywords: [], sources: [] },
      credentials: [],
    });
  });

  it("is refused with the field named: bad address, unknown specialty or credential, bad zone, hour or range", () => {
    const problems = (input: Record<string, unknown>) => {
      const result = newSubscriberSchema.safeParse({ email: "coder@example.org", ...input });
      return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
    };
    expect(problems({ email: "not-an-address" })).toEqual(["email"]);
    expect(problems({ interests: { specialties: ["astrology"] } })).toEqual(["interests.specialties.0"]);
    expect(problems({ credentials: [{ credential: "CPT", cycleEnd: "2027-01-01" }] })).toEqual([
      "credentials.0.credential",
    ]);
    expect(problems({ credentials: [{ credential: "CPC", cycleEnd: "01/01/2027" }] })).toEqual([
      "credentials.0.cycleEnd",
    ]);
    expect(problems({ timeZone: "Mars/Olympus" })).toEqual(["timeZone"]);
    expect(problems({ sendHour: 24 })).toEqual(["sendHour"]);
    expect(problems({ interests: { codeRanges: ["I20-I25; DROP TABLE"] } })).toEqual([
      "interests.codeRanges.0",
    ]);
  });
});

describe("email addresses", () => {
  it("are stored normalized and looked up by the sha256 of that form, never the address", () => {
    expect(normalizeEmail("  Dana.Cardiology@Example.ORG ")).toBe("dana.cardiology@example.org");
    expect(emailHash("Dana.Cardiology@Example.ORG")).toBe(emailHash("dana.cardiology@example.org"));
    expect(emailHash("dana.cardiology@example.org")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("subscriber status", () => {
  it("goes pending → active → unsubscribed, and suppressed is final", () => {
    expect(canMoveTo("pending", "active")).toBe(true);
    expect(canMoveTo("active", "unsubscribed")).toBe(true);
    expect(canMoveTo("unsubscribed", "active")).toBe(false);
    expect(canMoveTo("unsubscribed", "pending")).toBe(true);
    expect(canMoveTo("suppressed", "active")).toBe(false);
    expect(canMoveTo("suppressed", "pending")).toBe(false);
    expect(["pending", "active", "unsubscribed", "suppressed"].filter((s) => isMailable(s as never))).toEqual(
      ["active"],
    );
  });
});

describe("dates and credentials", () => {
  const problems = (input: Record<string, unknown>) => {
    const result = newSubscriberSchema.safeParse({ email: "coder@example.org", ...input });
    return result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  it("refuses a day that does not exist, saying why", () => {
    expect(problems({ credentials: [{ credential: "CPC", cycleEnd: "2027-13-45" }] })).toEqual([
      "credentials.0.cycleEnd: 2027-13-45 is not a real date: there is no month 13.",
    ]);
    expect(problems({ credentials: [{ credential: "CPC", cycleEnd: "2027-04-31" }] })).toEqual([
      "credentials.0.cycleEnd: 2027-04-31 is not a real date: April 2027 has 30 days.",
    ]);
    expect(problems({ credentials: [{ credential: "CPC", cycleEnd: "2028-02-29" }] })).toEqual([]);
    expect(ceuEntrySchema.safeParse({ date: "2027-13-45", hours: 1 }).error?.issues[0]?.message).toBe(
      "2027-13-45 is not a real date: there is no month 13.",
    );
  });

  it("knows AAPC's specialty credentials, AHIMA's and NHA's", () => {
    for (const credential of [
      "CCC",
      "CEMC",
      "CGSC",
      "CIRCC",
      "COSC",
      "CDEO",
      "CPCO",
      "CPPM",
      "CPC-P",
      "CRHC",
      "CHPS",
      "CHDA",
      "CBCS",
    ]) {
      expect(problems({ credentials: [{ credential, cycleEnd: "2027-06-30" }] }), credential).toEqual([]);
    }
  });
});
