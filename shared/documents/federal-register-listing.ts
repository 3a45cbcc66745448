import { ParseError } from "../core/parse-error.js";

/** One CMS rule or proposed rule as the Federal Register API lists it. */
export interface FederalRegisterDocument {
  readonly documentNumber: string;
  readonly title: string;
  /** `Rule`, `Proposed Rule`. */
  readonly type: string;
  readonly abstract: string;
  readonly publicationDate: string;
  readonly effectiveOn: string;
  readonly commentsCloseOn: string;
  readonly docketIds: readonly string[];
  /** e.g. `42 CFR 412`. */
  readonly cfrReferences: readonly string[];
  readonly regulationIdNumbers: readonly string[];
  readonly citation: string;
  readonly htmlUrl: string;
  readonly pdfUrl: string;
}

/** One page of an API answer. */
export interface FederalRegisterPage {
  /** How many documents match the whole query (all pages). */
  readonly count: number;
  readonly documents: readonly FederalRegisterDocument[];
  readonly nextPageUrl?: string;
}

const SOURCE = "federal-register";

/**
 * Reads one page of `api/v1/documents.json`. The API reports some failures with a 200 and a JSON
 * error body (`{"errors": …}` or `{"status": …, "message": …}`): those are failures with the
 * API's own message, never an empty listing.
 */
export function parseFederalRegisterPage(bytes: Buffer): FederalRegisterPage {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ParseError(SOURCE, `not JSON: ${(error as Error).message}`);
  }
  if (!isObject(body)) throw new ParseError(SOURCE, "expected a JSON object");
  const failure = apiFailure(body);
  if (failure) throw new ParseError(SOURCE, `the API answered with an error: ${failure}`);
  const count = typeof body.count === "number" ? body.count : undefined;
  if (count === undefined) throw new ParseError(SOURCE, 'expected a numeric "count" (has the API changed?)');
  // A query that matches nothing has no `results` at all.
  const results = body.results ?? [];
  if (!Array.isArray(results)) throw new ParseError(SOURCE, '"results" is not a list');
  const documents = results.map((result, index) => document(result, index));
  const next = typeof body.next_page_url === "string" && body.next_page_url ? body.next_page_url : undefined;
  return { count, documents, ...(next ? { nextPageUrl: next } : {}) };
}

function document(result: unknown, index: number): FederalRegisterDocument {
  if (!isObject(result)) throw new ParseError(SOURCE, `result ${index + 1} is not an object`);
  const documentNumber = text(result.document_number);
  const title = text(result.title);
  if (!documentNumber || !title)
    throw new ParseError(
      SOURCE,
      `result ${index + 1} has no document_number or title (were they requested?)`,
    );
  return {
    documentNumber,
    title,
    type: text(result.type),
    abstract: text(result.abstract),
    publicationDate: text(result.publication_date),
    effectiveOn: text(result.effective_on),
    commentsCloseOn: text(result.comments_close_on),
    docketIds: list(result.docket_ids).map(text).filter(Boolean),
    cfrReferences: list(result.cfr_references).flatMap(cfrReference),
    regulationIdNumbers: list(result.regulation_id_numbers).map(text).filter(Boolean),
    citation: text(result.citation),
    htmlUrl: text(result.html_url),
    pdfUrl: text(result.pdf_url),
  };
}

function apiFailure(body: Record<string, unknown>): string | undefined {
  if (body.errors !== undefined) return describe(body.errors);
  if (body.status !== undefined && body.message !== undefined)
    return `${describe(body.status)}: ${describe(body.message)}`;
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(describe).join("; ");
  if (isObject(value))
    return Object.entries(value)
      .map(([field, detail]) => `${field}: ${describe(detail)}`)
      .join("; ");
  return String(value);
}

function cfrReference(value: unknown): string[] {
  if (!isObject(value)) return [];
  const title = text(value.title);
  const part = text(value.part);
  return title && part ? [`${title} CFR ${part}`] : [];
}

function text(value: unknown): string {
  if (typeof value === "string") return value.replace(/\s+/g, " ").trim();
  if (typeof value === "number") return String(value);
  return "";
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
