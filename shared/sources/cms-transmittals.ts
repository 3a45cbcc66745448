import { fieldsOf, keyOf } from "../core/snapshot.js";
import type { TransmittalPage } from "../documents/cms-transmittal-page.js";
import { documentRules } from "../documents/document-rules.js";
import { type DocumentLine, documentSnapshot } from "../documents/document-snapshot.js";
import { tagDocument } from "../tagging/document-tags.js";
import type { DocumentSource, FetchedDocument, GatherContext } from "./source.js";

const TRANSMITTALS_PAGE = "https://www.cms.gov/medicare/regulations-guidance/transmittals";
// A burst of new transmittals (CMS issues a few a day) is read over several runs rather than
// hammering cms.gov; the rest stay unknown and are read next time.
const MAX_NEW_PAGES_PER_RUN = 30;

export const CMS_TRANSMITTALS_RULES = documentRules(
  "cms-transmittals",
  "CMS transmittals",
  [
    "title",
    "issue_date",
    "implementation_date",
    "cr_number",
    "manual",
    "provider_education",
    "pdfs",
    "url",
    "topics",
    "codes",
  ],
  {
    listedOnField: "issue_date",
    // A transmittal's instructions apply from its implementation date.
    facts: (values) => ({
      documentType: "Transmittal",
      effectiveDate: values.implementation_date ?? "",
      dateLabel: "implementation",
      commentsCloseOn: "",
      officialUrl: values.url ?? "",
    }),
  },
);

/**
 * CMS transmittals (change requests to the Internet-Only Manuals and one-time notifications): the
 * newest year listing shows what is there; each new transmittal's detail page gives its dates,
 * change request, MLN Matters article and PDFs.
 */
export const cmsTransmittals: DocumentSource = {
  id: "cms-transmittals",
  kind: "documents",
  title: "CMS transmittals",
  rules: CMS_TRANSMITTALS_RULES,
  cadence: { schedule: "cron(0 15 ? * MON-FRI *)", silentAfterHours: 96 },
  // The listing shows its first page of the year only: older transmittals are not withdrawn.
  coverage: "window",
  async gather(context) {
    // The HTML parsers are loaded when the pages are read, not with the catalog.
    const [{ transmittalYearListings }, { parseTransmittalListing }, { parseTransmittalPage }] =
      await Promise.all([
        import("../documents/cms-transmittal-years.js"),
        import("../documents/cms-transmittal-listing.js"),
        import("../documents/cms-transmittal-page.js"),
      ]);
    const responses: FetchedDocument[] = [];
    const read = async (url: string) => {
      const response = await context.fetch({ url, expect: "html" });
      responses.push(response);
      return response.bytes.toString("utf8");
    };
    const [newest] = transmittalYearListings(await read(TRANSMITTALS_PAGE), TRANSMITTALS_PAGE);
    const listingUrl = newest!.url;
    const listed = parseTransmittalListing(await read(listingUrl), listingUrl);
    // The listing first, so it is the evidence the changes point at.
    responses.unshift(responses.splice(1, 1)[0]!);

    const earlier = previousLines(context);
    const documents: DocumentLine[] = [];
    // A new transmittal is evidenced by its detail page, then the listing (response 0) that named it.
    const describedBy = new Map<string, readonly number[]>();
    let newPages = 0;
    for (const transmittal of listed) {
      const kept = earlier.get(transmittal.number);
      if (kept) {
        documents.push(kept);
        continue;
      }
      if (newPages >= MAX_NEW_PAGES_PER_RUN) continue;
      newPages += 1;
      const page = parseTransmittalPage(await read(transmittal.url), transmittal.url);
      documents.push(transmittalLine(page, transmittal.url));
      describedBy.set(page.number, [responses.length - 1, 0]);
    }
    return {
      snapshot: documentSnapshot(CMS_TRANSMITTALS_RULES, context.now, documents),
      responses,
      describedBy,
    };
  },
};

/** Known transmittals as the current snapshot has them, so their pages need not be read again. */
function previousLines({ previous, known }: GatherContext): Map<string, DocumentLine> {
  const lines = new Map<string, DocumentLine>();
  for (const line of previous?.lines ?? []) {
    const key = keyOf(line);
    if (!known.has(key)) continue;
    const values = fieldsOf(line);
    lines.set(key, {
      key,
      values: Object.fromEntries(previous!.fields.map((field, index) => [field, values[index] ?? ""])),
    });
  }
  return lines;
}

function transmittalLine(page: TransmittalPage, url: string): DocumentLine {
  const tags = tagDocument([page.subject, ...page.downloads.map((download) => download.label)]);
  return {
    key: page.number,
    values: {
      title: page.subject,
      issue_date: page.issueDate,
      implementation_date: page.implementationDate,
      cr_number: page.crNumber,
      manual: page.manualPublication,
      provider_education: page.providerEducation,
      pdfs: page.downloads.map((download) => download.url).join(" "),
      url,
      topics: tags.topics,
      codes: tags.codes,
    },
  };
}
