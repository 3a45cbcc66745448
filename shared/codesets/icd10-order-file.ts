// STUB — replaced by the parser implementation.
import type { ReleasePayload } from "../sources/source.js";
import type { CodeSystemRules } from "./code-system.js";
import type { CodeSetSnapshot } from "./snapshot.js";

export const ICD10CM: CodeSystemRules = {
  system: "icd10cm",
  label: "ICD-10-CM",
  fields: ["valid", "shortTitle", "longTitle"],
  categoryOf: (f) => (f[0] === "1" ? "code" : "header"),
  titleOf: (f) => f[2] ?? "",
};
export const ICD10PCS: CodeSystemRules = { ...ICD10CM, system: "icd10pcs", label: "ICD-10-PCS" };

export function parseIcd10OrderFile(
  _p: ReleasePayload,
  _rules: CodeSystemRules,
  _version: string,
): CodeSetSnapshot {
  throw new Error("not implemented");
}
