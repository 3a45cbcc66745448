import { describe, expect, it } from "vitest";
import {
  type CodeRange,
  codeInRange,
  parseCodeRange,
  parseSubscriberRange,
} from "#shared/specialties/code-range.js";
import { specialty } from "#shared/specialties/specialty-catalog.js";

const inAny = (code: string, ranges: readonly CodeRange[]) => ranges.some((r) => codeInRange(code, r));

describe("code ranges", () => {
  it("hold undotted ICD-10-CM codes by their category: I00-I99 includes I2510 and I7A, not L989", () => {
    const circulatory = parseCodeRange("I00-I99", "icd10cm");
    expect(codeInRange("I2510", circulatory)).toBe(true);
    expect(codeInRange("I99", circulatory)).toBe(true);
    expect(codeInRange("L989", circulatory)).toBe(false);
    expect(codeInRange("H9190", circulatory)).toBe(false);
  });

  it("read dotted input the way CMS files carry codes", () => {
    const [range, ...others] = parseSubscriberRange("i25.10 - i25.119");
    expect(others).toEqual([]);
    expect(range).toEqual({ family: "icd10cm", from: "I2510", to: "I25119" });
    expect(codeInRange("I25118", range!)).toBe(true);
    expect(codeInRange("I25110", range!)).toBe(true);
    expect(codeInRange("I252", range!)).toBe(false);
  });

  it("read a typed range in every family its shape allows", () => {
    expect(parseSubscriberRange("0042T-0999T").map((r) => r.family)).toEqual(["hcpcs"]);
    expect(parseSubscriberRange("E1100").map((r) => r.family)).toEqual(["hcpcs", "icd10cm"]);
    expect(parseSubscriberRange("I20-I25").map((r) => r.family)).toEqual(["icd10cm"]);
    expect(parseSubscriberRange("02703DZ").map((r) => r.family)).toEqual(["icd10pcs"]);
  });

  it("keep CPT Category III apart from numeric codes that sort among them", () => {
    const catIII = parseCodeRange("0042T-0999T", "hcpcs");
    expect(codeInRange("0505T", catIII)).toBe(true);
    expect(codeInRange("00990", catIII)).toBe(false);
    expect(codeInRange("0100U", catIII)).toBe(false);
  });

  it("treat a letter and digits as a HCPCS prefix: J9 holds J9035, not J1100", () => {
    const chemo = parseCodeRange("J9", "hcpcs");
    expect(codeInRange("J9035", chemo)).toBe(true);
    expect(codeInRange("J1100", chemo)).toBe(false);
  });

  it("reject ranges written backwards or with more than two ends", () => {
    expect(() => parseCodeRange("I99-I00", "icd10cm")).toThrow(/lower code first/);
    expect(() => parseCodeRange("I20-I25-I30", "icd10cm")).toThrow(/CODE or FROM-TO/);
  });
});

describe("the specialty table", () => {
  it("maps cardiology to the circulatory chapter, cardiac CPT, PCS heart and great vessels", () => {
    const { ranges } = specialty("cardiology");
    expect(inAny("I2510", ranges)).toBe(true);
    expect(inAny("33208", ranges)).toBe(true);
    expect(
      inAny(
        "02703DZ",
        ranges.filter((r) => r.family === "icd10pcs"),
      ),
    ).toBe(true);
    expect(inAny("L570", ranges)).toBe(false);
  });

  it("maps dermatology to chapter 12 and not to the circulatory chapter", () => {
    const { ranges } = specialty("dermatology");
    expect(inAny("L570", ranges)).toBe(true);
    expect(inAny("I2510", ranges)).toBe(false);
  });

  it("maps DME to HCPCS E and K codes", () => {
    const { ranges } = specialty("dme");
    expect(inAny("E0100", ranges)).toBe(true);
    expect(inAny("K0001", ranges)).toBe(true);
    expect(inAny("J9035", ranges)).toBe(false);
  });
});
