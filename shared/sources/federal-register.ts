import { ParseError } from "../core/parse-error.js";
import { documentRules } from "../documents/document-rules.js";
import { type DocumentLine, documentSnapshot } from "../documents/document-snapshot.js";
import {
  type FederalRegisterDocument,
  parseFederalRegisterPage,
} from "../documents/federal-register-listing.js";
import { tagDocument } from "../tagging/document-tags.js";
import type { DocumentSource, FetchedDocument, GatherContext } from "./source.js";

const API = "https://www.federalregister.gov/api/v1/documents.json";
const API_HOST = "www.federalregister.gov";
const PER_PAGE = 100;
// The API refuses (HTTP 400) to page past its 2,000th result: deeper reads start a new query
// bounded by the oldest publication date seen so far.
const RESULT_WINDOW = 2_000;
// A daily run reads newest first and stops at the first page with nothing new or nothing
// published within a year; a year of CMS rules is one or two pages.
const LOOKBACK_DAYS = 365;
const MAX_PAGES = 60;

/** What each listed document carries: only fields that go into the snapshot or its tags. */
export const FEDERAL_REGISTER_FIELDS = [
  "abstract",
  "citation",
  "cfr_references",
  "comments_close_on",
  "docket_ids",
  "document_number",
  "effective_on",
  "html_url",
  "pdf_url",
  "publication_date",
  "regulation_id_numbers",
  "title",
  "type",
] as const;

export const FEDERAL_REGISTER_RULES = documentRules(
  "federal-register",
  "Federal Register (CMS rules)",
  [
    "type",
    "title",
    "publication_date",
    "effective_on",
    "comments_close_on",
    "docket_ids",
    "cfr_references",
    "citation",
    "html_url",
    "pdf_url",
    "topics",
    "codes",
  ],
  {
    listedOnField: "publication_date",
    facts: (values) => ({
      documentType: federalRegisterType(values.type ?? ""),
      effectiveDate: values.effective_on ?? "",
      dateLabel: "effective",
      commentsCloseOn: values.comments_close_on ?? "",
      officialUrl: values.html_url ?? "",
    }),
  },
);

/** The API's document types as a coder says them (`Rule` is a final rule). */
function federalRegisterType(type: string): string {
  switch (type) {
    case "Rule":
      return "Final rule";
    case "Proposed Rule":
      return "Proposed rule";
    case "Notice":
      return "Notice";
    default:
      return type || "Federal Register document";
  }
}

/**
 * The listing URL, parameters in a fixed order so the same query is always the same URL (the
 * local mirror and any cache key on it). `publishedOnOrBefore` bounds a deeper partition.
 */
export function federalRegisterListingUrl(publishedOnOrBefore?: string): string {
  const parameters = [
    "conditions[agencies][]=centers-for-medicare-medicaid-services",
    "conditions[type][]=RULE",
    "conditions[type][]=PRORULE",
    ...(publishedOnOrBefore ? [`conditions[publication_date][lte]=${publishedOnOrBefore}`] : []),
    ...FEDERAL_REGISTER_FIELDS.map((field) => `fields[]=${field}`),
    "order=newest",
    `per_page=${PER_PAGE}`,
  ];
  return `${API}?${parameters.join("&")}`;
}

/** CMS final and proposed rules (Physician Fee Schedule, OPPS, IPPS…) from the Federal Register API. */
export const federalRegister: DocumentSource = {
  id: "federal-register",
  kind: "documents",
  title: "Federal Register: CMS rules and proposed rules",
  rules: FEDERAL_REGISTER_RULES,
  // The Federal Register publishes each business day at 6 a.m. Eastern.
  cadence: { schedule: "cron(0 12 ? * MON-FRI *)", silentAfterHours: 96 },
  coverage: "window",
  async gather(context) {
    const { documents, responses, describedBy } = await readNewestDocuments(context);
    return {
      snapshot: documentSnapshot(FEDERAL_REGISTER_RULES, context.now, documents.map(documentLine)),
      responses,
      describedBy,
    };
  },
};

async function readNewestDocuments({ now, fetch, known }: GatherContext) {
  const horizon = new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const documents: FederalRegisterDocument[] = [];
  const responses: FetchedDocument[] = [];
  // Each document is evidenced by the listing page it was first read from (the snapshot keeps that reading).
  const describedBy = new Map<string, readonly number[]>();
  let url: string | undefined = federalRegisterListingUrl();
  let pageInPartition = 1;
  let partitionBound: string | undefined;
  while (url && responses.length < MAX_PAGES) {
    const response = await fetch({ url, expect: "json" });
    responses.push(response);
    const page = parseFederalRegisterPage(response.bytes);
    documents.push(...page.documents);
    for (const document of page.documents)
      if (!describedBy.has(document.documentNumber))
        describedBy.set(document.documentNumber, [responses.length - 1]);
    const oldest = page.documents.at(-1)?.publicationDate;
    const somethingNew = page.documents.some((document) => !known.has(document.documentNumber));
    if (!page.nextPageUrl || !oldest || !somethingNew || oldest < horizon) break;
    if ((pageInPartition + 1) * PER_PAGE > RESULT_WINDOW) {
      // The boundary day is read again in the next partition; the snapshot keeps one reading.
      if (oldest === partitionBound) break;
      partitionBound = oldest;
      url = federalRegisterListingUrl(oldest);
      pageInPartition = 1;
    } else {
      url = nextPage(page.nextPageUrl);
      pageInPartition += 1;
    }
  }
  return { documents, responses, describedBy };
}

function nextPage(url: string): string {
  if (new URL(url).host !== API_HOST)
    throw new ParseError("federal-register", `next_page_url leaves ${API_HOST}: ${url}`);
  return url;
}

function documentLine(document: FederalRegisterDocument): DocumentLine {
  const tags = tagDocument([document.title, document.abstract]);
  return {
    key: document.documentNumber,
    values: {
      type: document.type,
      title: document.title,
      publication_date: document.publicationDate,
      effective_on: document.effectiveOn,
      comments_close_on: document.commentsCloseOn,
      docket_ids: document.docketIds.join("; "),
      cfr_references: document.cfrReferences.join("; "),
      citation: document.citation,
      html_url: document.htmlUrl,
      pdf_url: document.pdfUrl,
      topics: tags.topics,
      codes: tags.codes,
    },
  };
}
