import { describe, expect, it } from "vitest";
import { eventsOfYear } from "#shared/calendar/regulatory-calendar.js";
import { interestProfile } from "#shared/digest/interest-profile.js";
import { SOURCE_CATALOG } from "#shared/sources/catalog.js";
import { codeInRange } from "#shared/specialties/code-range.js";
import { FOLLOWABLE_CODE_SYSTEMS, FOLLOWABLE_DOCUMENT_SOURCES } from "#shared/specialties/followable.js";
import { SPECIALTIES } from "#shared/specialties/specialty-catalog.js";
import { WORK_SETTINGS } from "#shared/specialties/work-setting.js";
import { interestsSchema } from "#shared/subscribers/subscriber.js";

const codeSets = SOURCE_CATALOG.filter((source) => source.rules.family !== null);
const documents = SOURCE_CATALOG.filter((source) => source.rules.family === null);

describe("work settings", () => {
  it("name only code-set sources the catalog has", () => {
    for (const [setting, { codeSetSources }] of Object.entries(WORK_SETTINGS)) {
      if (codeSetSources === "all") continue;
      for (const id of codeSetSources)
        expect(
          codeSets.map((source) => source.id),
          `${setting}: ${id}`,
        ).toContain(id);
    }
  });

  it("keep ICD-10-PCS from professional-fee, outpatient and DME coders, and give it to inpatient coders", () => {
    const scope = (workSetting: string) => interestProfile(interestsSchema.parse({ workSetting }));
    for (const setting of ["professional-fee", "facility-outpatient", "dme-supplier"]) {
      expect(scope(setting).inScope("icd10pcs", "icd10pcs"), setting).toBe(false);
    }
    expect(scope("facility-inpatient").inScope("icd10pcs", "icd10pcs")).toBe(true);
    expect(scope("professional-fee").inScope("ncci-ptp-practitioner", "ncci-ptp")).toBe(true);
    expect(scope("professional-fee").inScope("ncci-ptp-hospital", "ncci-ptp")).toBe(false);
    expect(scope("facility-outpatient").inScope("ncci-mue-hospital", "ncci-mue")).toBe(true);
    expect(scope("dme-supplier").inScope("ncci-mue-dme", "ncci-mue")).toBe(true);
    for (const source of codeSets)
      expect(scope("payer-compliance").inScope(source.id, source.rules.system)).toBe(true);
  });

  it("let a code set chosen on top of the setting in (an outpatient coder who also wants ICD-10-PCS)", () => {
    const profile = interestProfile(
      interestsSchema.parse({ workSetting: "professional-fee", codeSystems: ["icd10pcs"] }),
    );
    expect(profile.inScope("icd10pcs", "icd10pcs")).toBe(true);
  });
});

describe("the regulatory calendar", () => {
  it("names the code sets each date concerns by sources and systems the catalog has", () => {
    for (const event of eventsOfYear(2027)) {
      for (const { sourceId, system } of event.concerns) {
        expect(
          codeSets.find((source) => source.id === sourceId)?.rules.system,
          `${event.title}: ${sourceId}`,
        ).toBe(system);
      }
    }
  });
});

describe("what the preferences form offers", () => {
  it("lists every code system and every document source of the catalog, and nothing else", () => {
    expect(FOLLOWABLE_CODE_SYSTEMS.map((system) => system.id).sort()).toEqual(
      [...new Set(codeSets.map((source) => source.rules.system))].sort(),
    );
    expect(FOLLOWABLE_DOCUMENT_SOURCES.map((source) => source.id).sort()).toEqual(
      documents.map((source) => source.id).sort(),
    );
  });
});

describe("specialty maps", () => {
  it("name no blanket range of Category III codes: cardiology no longer reaches vaccine-administration edits", () => {
    for (const specialty of SPECIALTIES.values()) {
      for (const range of specialty.ranges) {
        if (range.family !== "hcpcs" || !/^0\d{3}T$/.test(range.from)) continue;
        const span = Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4));
        expect(span, `${specialty.id} ${range.from}-${range.to}`).toBeLessThan(20);
      }
    }
    const cardiology = interestProfile(interestsSchema.parse({ specialties: ["cardiology"] }));
    // The COVID-vaccine pair (0001A with Category III 0590T) that once reached a cardiology reader.
    const covered = (code: string) => cardiology.ranges.some((range) => codeInRange(code, range));
    expect(covered("0590T")).toBe(false);
    expect(covered("0623T")).toBe(true);
  });
});
