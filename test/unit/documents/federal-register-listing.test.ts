import { describe, expect, it } from "vitest";
import { ParseError } from "#shared/core/parse-error.js";
import { parseFederalRegisterPage } from "#shared/documents/federal-register-listing.js";
import { fixtureBytes } from "./document-fixtures.js";

const realPage = () =>
  parseFederalRegisterPage(fixtureBytes("federal-register/documents-cms-pfs-page1.json"));
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("Federal Register API page", () => {
  it("reads the real response: 20 of 152 documents, newest first, with the next page", () => {
    const page = realPage();
    expect(page.count).toBe(152);
    expect(page.documents).toHaveLength(20);
    expect(page.nextPageUrl).toMatch(/^https:\/\/www\.federalregister\.gov\/api\/v1\/documents\?.*page=2/);
    expect(page.documents.map((document) => document.publicationDate)).toEqual(
      page.documents
        .map((document) => document.publicationDate)
        .toSorted()
        .reverse(),
    );
  });

  it("reads a final rule's number, type, dates, docket, CFR parts, citation and link", () => {
    const ipps = realPage().documents[0]!;
    expect(ipps).toMatchObject({
      documentNumber: "2026-15833",
      type: "Rule",
      publicationDate: "2026-08-04",
      effectiveOn: "2026-10-01",
      commentsCloseOn: "",
      docketIds: ["CMS-1849-F and CMS-0062-F"],
      citation: "91 FR 49570",
      htmlUrl: expect.stringMatching(
        /^https:\/\/www\.federalregister\.gov\/documents\/2026\/08\/04\/2026-15833\//,
      ),
    });
    expect(ipps.cfrReferences).toEqual([
      "42 CFR 405",
      "42 CFR 412",
      "42 CFR 413",
      "42 CFR 415",
      "42 CFR 419",
      "42 CFR 495",
      "42 CFR 512",
      "45 CFR 170",
    ]);
  });

  it("reads a proposed rule, which has no effective date", () => {
    const proposed = realPage().documents.find((document) => document.documentNumber === "2026-14327")!;
    expect(proposed).toMatchObject({ type: "Proposed Rule", effectiveOn: "" });
  });

  it("fails with the API's own message on an errors body", () => {
    const call = () =>
      parseFederalRegisterPage(
        json({ errors: { "conditions[publication_date][gte]": ["is not a valid date"] } }),
      );
    expect(call).toThrow(ParseError);
    expect(call).toThrow(
      /the API answered with an error: conditions\[publication_date\]\[gte\]: is not a valid date/,
    );
  });

  it("fails with the API's own message on a status and message body", () => {
    expect(() =>
      parseFederalRegisterPage(json({ status: 400, message: "Request could not be completed" })),
    ).toThrow(/400: Request could not be completed/);
  });

  it("fails on a body that is not JSON, or JSON of another shape, rather than reading no documents", () => {
    expect(() => parseFederalRegisterPage(Buffer.from("<html><body>Please verify</body></html>"))).toThrow(
      /not JSON/,
    );
    expect(() => parseFederalRegisterPage(json({ documents: [] }))).toThrow(/numeric "count"/);
    expect(() => parseFederalRegisterPage(json({ count: 1, results: [{ title: "No number" }] }))).toThrow(
      /no document_number/,
    );
  });

  it("reads a query that matches nothing as no documents", () => {
    expect(parseFederalRegisterPage(json({ count: 0, description: "nothing" }))).toEqual({
      count: 0,
      documents: [],
    });
  });
});
