import { describe, expect, it } from "vitest";
import type { ChangeRecord } from "#shared/changes/change-record.js";
import { ChangeIndex } from "#shared/digest/change-index.js";
import { interestProfile } from "#shared/digest/interest-profile.js";
import { interestsSchema } from "#shared/subscribers/subscriber.js";
import { realChanges } from "./real-changes.js";

const icd10cm = realChanges("icd10cm");
const icd10pcs = realChanges("icd10pcs");
const index = new ChangeIndex([...icd10cm, ...icd10pcs]);
const matched = (interests: unknown) => index.match(interestProfile(interestsSchema.parse(interests)));
const keys = (changes: readonly ChangeRecord[]) =>
  new Set(changes.map((change) => `${change.system}:${change.key}`));

describe("matching the real ICD-10-CM FY2019 and ICD-10-PCS FY2018 changes", () => {
  it("gives a cardiology coder the circulatory-chapter changes and none from the skin chapter", () => {
    const cardiology = matched({ specialties: ["cardiology"], codeSystems: ["icd10cm"] });
    const circulatory = icd10cm.filter((change) => change.key.startsWith("I"));
    expect(circulatory.length).toBeGreaterThan(5);
    expect(keys(cardiology)).toEqual(
      keys([...circulatory, ...icd10cm.filter((c) => /^(R0[01]|R07|R943|Z95)/.test(c.key))]),
    );
    expect(cardiology.some((change) => change.key.startsWith("L"))).toBe(false);
  });

  it("gives a dermatology coder the skin chapter and not the circulatory one", () => {
    const dermatology = matched({ specialties: ["dermatology"], codeSystems: ["icd10cm"] });
    expect(dermatology.some((change) => change.key.startsWith("L"))).toBe(true);
    expect(dermatology.some((change) => change.key.startsWith("I"))).toBe(false);
  });

  it("follows whole code systems when nothing narrower is chosen", () => {
    expect(matched({ codeSystems: ["icd10pcs"] })).toHaveLength(icd10pcs.length);
  });

  it("adds a subscriber's own dotted range to nothing else", () => {
    const own = matched({ codeRanges: ["P74.2-P74.4"] });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((change) => /^P74[234]/.test(change.key))).toBe(true);
  });

  it("finds keywords as whole words in titles", () => {
    const found = matched({ keywords: ["Hereditary cerebrovascular"] });
    expect(found.map((change) => change.key)).toContain("I6785");
    expect(matched({ keywords: ["cerebrovasc"] })).toHaveLength(0);
  });

  it("never matches history (a backfilled release)", () => {
    const history = icd10cm.map((change) => ({ ...change, history: true }));
    expect(
      new ChangeIndex(history).match(interestProfile(interestsSchema.parse({ codeSystems: ["icd10cm"] }))),
    ).toEqual([]);
  });

  it("matches a Federal Register document by the codes and topics it carries, whatever the subscriber's systems", () => {
    // A document's record as the change log holds it: no code family, its key displayed as it is.
    const { family: _codeSetOnly, ...codeChange } = icd10cm[0]!;
    const rule: ChangeRecord = {
      ...codeChange,
      id: "federal-register|2026-11-01|added|2026-24001",
      sourceId: "federal-register",
      system: "federal-register",
      systemLabel: "Federal Register (CMS rules)",
      key: "2026-24001",
      displayCode: "2026-24001",
      codeRef: "federal-register#2026-24001",
      title: "Medicare Program; CY 2027 Payment Policies Under the Physician Fee Schedule",
      fields: [],
      after: {
        title: "CY 2027 PFS final rule",
        topics: "Telehealth; Remote patient monitoring",
        codes: "93000, 99457",
      },
    };
    const withRule = new ChangeIndex([...icd10cm, rule]);
    const match = (interests: unknown) => withRule.match(interestProfile(interestsSchema.parse(interests)));
    expect(match({ specialties: ["cardiology"], codeSystems: ["icd10cm"] })).toContain(rule);
    expect(match({ keywords: ["remote patient monitoring"] })).toEqual([rule]);
    expect(match({ sources: ["federal-register"] })).toEqual([rule]);
    expect(match({ specialties: ["dermatology"] })).not.toContain(rule);
  });
});
