/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula (or start one after a separator). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell that would run as a formula in a spreadsheet gets a leading apostrophe (OWASP's advice
 * for CSV injection): a CMS title such as "-ACE inhibitor…" or a crafted one such as
 * "=HYPERLINK(…)" then shows as text. Then quoted per RFC 4180 when it needs to be.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  let text = value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
