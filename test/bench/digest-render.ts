/**
 * Digest rendering benchmark: 10,000 personalized digests (match, group, CEU standing, calendar,
 * signed links, HTML and text) from the real ICD-10-CM FY2019 and ICD-10-PCS FY2018 changes
 * (~6,800), on one core. Target: under 10 s. Run alone with `npx tsx test/bench/digest-render.ts`;
 * `npm run bench` includes it.
 */
import { pathToFileURL } from "node:url";
import { ChangeIndex } from "#shared/digest/change-index.js";
import { composeDigest } from "#shared/digest/compose-digest.js";
import { SPECIALTY_IDS } from "#shared/specialties/specialty-catalog.js";
import { FREQUENCIES, preferencesSchema, type Subscriber } from "#shared/subscribers/subscriber.js";
import { SubscriptionTokens } from "#shared/subscriptions/subscription-token.js";
import { realChanges } from "../unit/digest/real-changes.js";

export const DIGESTS = 10_000;
export const BUDGET_MS = 10_000;

export interface DigestRenderResult {
  readonly digests: number;
  readonly changes: number;
  readonly sent: number;
  readonly ms: number;
  readonly bytes: number;
}

/** A deterministic mix of readers: specialties, own ranges, keywords, whole systems, credentials. */
function subscribers(count: number): Subscriber[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const keywords = ["sepsis", "fracture", "diabetes", "stent", "telehealth", "pregnancy"];
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 10;
    const preferences = preferencesSchema.parse({
      interests: {
        specialties: kind < 7 ? [pick(SPECIALTY_IDS), ...(kind < 2 ? [pick(SPECIALTY_IDS)] : [])] : [],
        codeRanges: kind === 7 ? ["I20-I25", "E11"] : [],
        keywords: kind === 8 ? [pick(keywords)] : [],
        codeSystems: kind === 9 ? ["icd10cm"] : [],
      },
      frequency: pick(FREQUENCIES),
      timeZone: pick(["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]),
      credentials:
        i % 3 === 0
          ? [{ credential: pick(["CPC", "CCS", "RHIA", "CBCS"] as const), cycleEnd: "2027-06-30" }]
          : [],
    });
    return {
      ...preferences,
      subscriberId: `sub_${i}`,
      email: `coder${i}@example.org`,
      emailHash: String(i),
      status: "active" as const,
      createdAt: "2026-01-01T00:00:00Z",
    };
  });
}

export function benchDigestRender(count = DIGESTS): DigestRenderResult {
  const changes = [...realChanges("icd10cm"), ...realChanges("icd10pcs")];
  const readers = subscribers(count);
  const composer = {
    tokens: new SubscriptionTokens("bench-secret-bench-secret-bench-secret-42"),
    baseUrl: "https://api.example.org",
    from: "digest@example.org",
  };
  const now = new Date("2026-11-10T12:00:00Z");
  const started = performance.now();
  // Indexing is part of the work: the sender builds it once per window, as here.
  const index = new ChangeIndex(changes);
  let sent = 0;
  let bytes = 0;
  for (const reader of readers) {
    const digest = composeDigest(
      { subscriber: reader, changes: index, ceuCycles: [], since: "2026-11-09T12:00:00.000Z", now },
      composer,
    );
    if (!digest) continue;
    sent++;
    bytes += digest.rendered.html.length + digest.rendered.text.length;
  }
  return { digests: count, changes: index.size, sent, ms: performance.now() - started, bytes };
}

export function describeDigestRender(result: DigestRenderResult): string {
  const perSecond = Math.round(result.digests / (result.ms / 1000)).toLocaleString("en-US");
  const verdict = result.ms < BUDGET_MS ? "within" : "OVER";
  return (
    `${result.digests.toLocaleString("en-US")} personalized digests from ${result.changes.toLocaleString("en-US")} real changes: ` +
    `${(result.ms / 1000).toFixed(2)} s on one core (${perSecond}/s; ${result.sent.toLocaleString("en-US")} non-empty, ` +
    `avg ${Math.round(result.bytes / Math.max(1, result.sent) / 1024)} KB HTML+text) — ${verdict} the ${BUDGET_MS / 1000} s budget`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(describeDigestRender(benchDigestRender()));
}
