import { describe, expect, it } from "vitest";
import { mirrorUrl } from "#shared/http/source-mirror.js";

describe("mirrorUrl", () => {
  it("serves a publisher URL from <mirror>/<host>/<path>, keeping the query", () => {
    expect(mirrorUrl("https://www.cms.gov/files/zip/x.zip?a=1", "http://127.0.0.1:4100")).toBe(
      "http://127.0.0.1:4100/www.cms.gov/files/zip/x.zip?a=1",
    );
  });

  it("leaves the URL unchanged without a mirror", () => {
    expect(mirrorUrl("https://www.cms.gov/files/zip/x.zip?a=1")).toBe(
      "https://www.cms.gov/files/zip/x.zip?a=1",
    );
    expect(mirrorUrl("https://www.cms.gov/x.zip", "")).toBe("https://www.cms.gov/x.zip");
  });

  it("accepts a mirror with a trailing slash or a path prefix", () => {
    expect(mirrorUrl("https://www.cms.gov/x.zip", "http://127.0.0.1:4100/")).toBe(
      "http://127.0.0.1:4100/www.cms.gov/x.zip",
    );
    expect(mirrorUrl("https://www.cms.gov/x.zip", "http://127.0.0.1:4100/recorded")).toBe(
      "http://127.0.0.1:4100/recorded/www.cms.gov/x.zip",
    );
  });

  it("keeps a publisher's port as part of the host folder", () => {
    expect(mirrorUrl("https://example.org:8443/api/v1/documents.json", "http://127.0.0.1:4100")).toBe(
      "http://127.0.0.1:4100/example.org:8443/api/v1/documents.json",
    );
  });
});
