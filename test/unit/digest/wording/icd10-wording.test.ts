import { describe, expect, it } from "vitest";
import { icd10Wording } from "#shared/digest/wording/icd10-wording.js";
import { realChanges } from "../real-changes.js";

const changes = realChanges("icd10cm");
const change = (key: string) => {
  const found = changes.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no FY2019 change for ${key}`);
  return found;
};
const noSubcodes = { subcodesOf: () => [] };

describe("ICD-10 changes in a coder's words (real FY2018 → FY2019 changes)", () => {
  it("a title whose only edit is a double space made single says so, instead of quoting the same words twice", () => {
    const spacing = changes.filter(
      (candidate) =>
        candidate.changeType === "revised" &&
        candidate.fields.every((f) => f.before.replace(/\s+/g, " ") === f.after.replace(/\s+/g, " ")),
    );
    expect(spacing.length).toBeGreaterThan(20);
    for (const revised of spacing) {
      const wording = icd10Wording(revised, noSubcodes);
      expect(wording.headline).toMatch(/title spacing corrected \(same words\)$/);
      expect(wording.details).toEqual([]);
    }
  });

  it("a real title revision quotes the title before and after", () => {
    const wording = icd10Wording(change("I63333"), noSubcodes);
    expect(wording.headline).toBe("title changed");
    expect(wording.details).toEqual([
      "Title was “Cerebral infarction to thrombosis of bilateral posterior cerebral arteries”; now “Cerebral infarction due to thrombosis of bilateral posterior cerebral arteries”.",
    ]);
  });

  it("a code expanded into subcodes names them as its replacements", () => {
    const wording = icd10Wording(change("I638"), { subcodesOf: () => ["I63.81", "I63.89"] });
    expect(wording.headline).toBe("deleted — now a header: use its new subcodes I63.81 and I63.89");
    expect(wording.replacements).toEqual(["I63.81", "I63.89"]);
  });
});
