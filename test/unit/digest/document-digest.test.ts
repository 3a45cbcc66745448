import { describe, expect, it } from "vitest";
import { collectSource } from "#shared/collect/collect-source.js";
import { ChangeIndex } from "#shared/digest/change-index.js";
import { composeDigest } from "#shared/digest/compose-digest.js";
import { federalRegister, federalRegisterListingUrl } from "#shared/sources/federal-register.js";
import { preferencesSchema, type Subscriber } from "#shared/subscribers/subscriber.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";
import { collectDependenciesOn, inMemoryStores } from "../../fakes/collect-stores.js";
import { fixtureBytes } from "../documents/document-fixtures.js";
import { recordedFetch } from "../sources/recorded-fetch.js";

const composer = {
  tokens: new SubscriptionTokens("unit-test-secret-unit-test-secret-123456"),
  baseUrl: "https://api.example.org",
  from: "digest@example.org",
};

/** The real Federal Register listings collected on the in-memory stores, a day after the IPPS final rule. */
async function collectedRules() {
  const stores = inMemoryStores();
  const listing = (fixture: string) =>
    collectDependenciesOn(stores, {
      fetchDocument: recordedFetch({ [federalRegisterListingUrl()]: fixtureBytes(fixture) }),
      now: () => new Date("2026-08-05T12:00:00.000Z"),
    });
  await collectSource(
    federalRegister,
    listing("federal-register/documents-cms-pfs-page1.earlier.derived.json"),
  );
  await collectSource(federalRegister, listing("federal-register/documents-cms-pfs-page1.json"));
  return stores.changes.stored();
}

describe("a digest of document changes", () => {
  it("says what each rule is and when it takes effect, in both parts, and links its official page", async () => {
    const subscriber: Subscriber = {
      ...preferencesSchema.parse({ interests: { sources: ["federal-register"] } }),
      subscriberId: "sub_1",
      email: "compliance@example.org",
      emailHash: "h",
      status: "active",
      createdAt: "2026-01-01T00:00:00Z",
    };
    const digest = composeDigest(
      {
        subscriber,
        changes: new ChangeIndex(await collectedRules()),
        ceuCycles: [],
        since: "2026-08-05T00:00:00.000Z",
        now: new Date("2026-08-06T12:00:00Z"),
      },
      composer,
    )!;
    for (const part of [digest.rendered.text, digest.rendered.html]) {
      expect(part).toContain("Final rule · effective 2026-10-01");
      expect(part).toContain("Proposed rule");
      expect(part).toMatch(/https:\/\/www\.federalregister\.gov\/documents\/2026\/08\/04\/2026-15833\//);
      // Never the day it was collected.
      expect(part).not.toContain("2026-08-05");
    }
  });
});
