import type { CodeSystemRules } from "../core/code-system.js";
import { ParseError } from "../core/parse-error.js";
import type { ReleasePayload } from "../core/release.js";

/**
 * Which entries of a CMS or CDC ICD-10 zip hold what. The order file is named `icd10cm_order_2024.txt`,
 * `icd10cm-order-2024.txt`, `icd10cm-order-April-2024.txt`, sometimes inside a folder
 * (`2020 Code Descriptions/icd10cm_order_2020.txt`); the addenda sit in the same zip
 * (`icd10cm_order_addenda_2024.txt`, `icd10cm-order-addenda-April-2024.txt`), sometimes listed
 * first. An addenda file is never the order file, whatever the zip's order.
 */
export type OrderFilePrefix = "icd10cm" | "icd10pcs";

/** The order file: `<prefix>` then `order`, and no `addend` anywhere in the file name. */
export function orderFileEntry(prefix: OrderFilePrefix): RegExp[] {
  return [new RegExp(`(^|/)(?![^/]*addend)${prefix}[-_ ]?order[-_ ][^/]*\\.txt$`, "i")];
}

/** The order file's addenda (CMS's own list and count of the changes), when the zip carries it. */
export function addendaEntry(prefix: OrderFilePrefix): RegExp[] {
  return [
    new RegExp(`(^|/)${prefix}[-_ ]?order[-_ ]?addend[^/]*\\.txt$`, "i"),
    // PCS zips have also named it plainly `order_addenda_2026.txt`.
    /(^|\/)order[-_ ]?addend[^/]*\.txt$/i,
  ];
}

/** Whether a payload name is an addenda file, not an order file. */
export function isAddendaName(name: string): boolean {
  return /addend/i.test(name.split("/").pop() ?? name);
}

/** The order file among a release's payloads: never the addenda beside it. */
export function orderFileOf(payloads: readonly ReleasePayload[], rules: CodeSystemRules): ReleasePayload {
  const orders = payloads.filter((payload) => !isAddendaName(payload.name));
  if (orders.length !== 1) {
    throw new ParseError(
      `${rules.system} release`,
      `expected one order file, got ${orders.length}: ${payloads.map((p) => p.name).join(", ") || "nothing"}`,
    );
  }
  return orders[0]!;
}

/** The addenda payload of a release, when its zip carried one. */
export function addendaOf(payloads: readonly ReleasePayload[]): ReleasePayload | undefined {
  return payloads.find((payload) => isAddendaName(payload.name));
}
