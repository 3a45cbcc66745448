import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_TOKEN, useReplayedApi } from "./support/replayed-api.js";

// ICD-10-CM FY2018 → FY2019 (543 changes: 279 new, 51 deleted, 143 revised codes, 41 new and 29
// revised headers), FY2019's re-issue of 2018-12-16 (7 changes: 6 new codes, M35.8 expanded to a
// header), its April update (the same order file: nothing new), and HCPCS 2024 Q4 → 2026 Q4
// (2 changes), each found on the recorded publisher pages, through the real collector.
const ICD_CHANGES = 543 + 7;
const replayed = useReplayedApi(["icd10cm", "hcpcs"]);

interface Change {
  id: string;
  sourceId: string;
  system: string;
  code: string;
  changeType: string;
  category: string;
  reason?: string;
  detectedAt: string;
  effectiveDate: string;
  history: boolean;
  evidence: { url: string; fetchedAt: string; sha256: string; downloadPath: string };
}

async function get(pathAndQuery: string, token: string | null = TEST_TOKEN, init: RequestInit = {}) {
  return fetch(`${replayed.server.apiUrl}${pathAndQuery}`, {
    redirect: "manual",
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
}

async function json<T = Record<string, unknown>>(pathAndQuery: string): Promise<T> {
  const response = await get(pathAndQuery);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

/** Every change a query finds, following cursors; checks each page on the way. */
async function everything(query: string, limit = 200): Promise<Change[]> {
  const all: Change[] = [];
  let cursor: string | undefined;
  do {
    const page = await json<{ changes: Change[]; cursor?: string }>(
      `/changes?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.changes.length).toBeLessThanOrEqual(limit);
    all.push(...page.changes);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

let icd: Change[];
beforeAll(async () => {
  icd = await everything("source=icd10cm");
});

describe("GET /changes filters", () => {
  it("returns every change of a source once, newest detection first", () => {
    expect(icd).toHaveLength(ICD_CHANGES);
    expect(new Set(icd.map((c) => c.id)).size).toBe(ICD_CHANGES);
    expect(icd.every((c) => c.sourceId === "icd10cm")).toBe(true);
  });

  it("merges every source newest first when nothing narrows the search", async () => {
    const all = await everything("", 100);
    expect(all).toHaveLength(ICD_CHANGES + 2);
    expect(new Set(all.map((c) => c.id)).size).toBe(ICD_CHANGES + 2);
    const times = all.map((c) => c.detectedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("filters by code system", async () => {
    const hcpcs = await everything("system=hcpcs");
    expect(hcpcs.map((c) => `${c.code}:${c.changeType}`).sort()).toEqual(["AC:added", "JG:deleted"]);
  });

  it("finds one code typed with its dot, e.g. P74.2 expanded into subcodes", async () => {
    const { changes } = await json<{ changes: Change[] }>("/changes?system=icd10cm&code=P74.2");
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ code: "P742", changeType: "deleted", reason: "expanded-to-header" });
  });

  it("finds a code range in code order, subcodes of the last code included", async () => {
    const range = await everything("system=icd10cm&codeFrom=P74&codeTo=P74");
    const expected = icd.filter((c) => c.code.startsWith("P74")).map((c) => c.code);
    expect(range.map((c) => c.code)).toEqual([...expected].sort());
    expect(range.length).toBeGreaterThan(3);
    const wide = await everything("system=icd10cm&codeFrom=C00&codeTo=D49", 50);
    expect(wide.map((c) => c.code)).toEqual(
      icd
        .filter((c) => c.code >= "C00" && c.code < "D4:")
        .map((c) => c.code)
        .sort(),
    );
  });

  it("filters by change type, one or several", async () => {
    const added = await everything("source=icd10cm&changeType=added");
    expect(added).toHaveLength(icd.filter((c) => c.changeType === "added").length);
    expect(added).toHaveLength(279 + 41 + 6);
    const two = await everything("source=icd10cm&changeType=deleted,revised");
    expect(two).toHaveLength(ICD_CHANGES - 326);
    expect(two.every((c) => c.changeType !== "added")).toBe(true);
  });

  it("filters by category: header lines apart from valid codes", async () => {
    const headers = await everything("system=icd10cm&category=header");
    expect(headers).toHaveLength(41 + 29);
  });

  it("filters by detection time, date-only bounds covering whole UTC days", async () => {
    const day = icd[0]!.detectedAt.slice(0, 10);
    const before = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    expect(await everything(`source=icd10cm&detectedFrom=${day}&detectedTo=${day}`)).toHaveLength(
      ICD_CHANGES,
    );
    expect(await everything(`source=icd10cm&detectedTo=${before}`)).toHaveLength(0);
    const p742 = icd.find((c) => c.code === "P742")!;
    expect(await everything(`system=icd10cm&code=P742&detectedFrom=${p742.detectedAt}`)).toHaveLength(1);
  });

  it("filters by effective date", async () => {
    expect(await everything("effectiveFrom=2018-10-01&effectiveTo=2018-10-01")).toHaveLength(543);
    expect(await everything("effectiveFrom=2026-01-01")).toHaveLength(2);
    expect(await everything("effectiveTo=2017-12-31")).toHaveLength(0);
  });

  it("filters news from backfilled history", async () => {
    expect(await everything("source=icd10cm&history=false")).toHaveLength(ICD_CHANGES);
    expect(await everything("source=icd10cm&history=true")).toHaveLength(0);
  });
});

describe("pagination", () => {
  it("walks a source in small pages: no change twice, none missed, no cursor on the last page", async () => {
    const paged = await everything("source=icd10cm", 7);
    expect(paged.map((c) => c.id)).toEqual(icd.map((c) => c.id));
  });

  it("walks a merged search in small pages to the same result", async () => {
    const big = await everything("", 500);
    const small = await everything("", 9);
    expect(small.map((c) => c.id).sort()).toEqual(big.map((c) => c.id).sort());
  });

  it("refuses a tampered cursor and a cursor from another search", async () => {
    const first = await json<{ cursor: string }>("/changes?source=icd10cm&limit=5");
    const tampered = await get(`/changes?source=icd10cm&limit=5&cursor=${first.cursor.slice(0, -4)}AAAA`);
    expect(tampered.status).toBe(400);
    const other = await get(`/changes?source=hcpcs&limit=5&cursor=${first.cursor}`);
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: "bad_request", issues: [{ parameter: "cursor" }] });
  });
});

describe("exports", () => {
  it("exports the filtered change log as CSV that opens cleanly in Excel", async () => {
    const response = await get("/changes/export?format=csv&system=icd10cm&changeType=deleted");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="codecurrent-changes-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^detected_at,effective_date,source,system,code,display_code,change,/);
    expect(lines).toHaveLength(1 + icd.filter((c) => c.changeType === "deleted").length);
    const p742 = lines.find((line) => line.includes(",P742,"))!;
    expect(p742).toMatch(
      /^\d{4}-\d{2}-\d{2}T[\d:.]+Z,2018-10-01,icd10cm,icd10cm,P742,P74.2,deleted,code,expanded-to-header,/,
    );
    expect(p742).toContain(icd.find((c) => c.code === "P742")!.evidence.sha256);
  });

  it("exports JSON with the filter and the count", async () => {
    const response = await get("/changes/export?format=json&source=hcpcs");
    const body = (await response.json()) as { count: number; filter: unknown; changes: Change[] };
    expect(body.count).toBe(2);
    expect(body.filter).toEqual({ sourceId: "hcpcs", system: "hcpcs" });
    expect(body.changes.map((c) => c.code).sort()).toEqual(["AC", "JG"]);
  });

  it("gzips an export for a client that accepts it", async () => {
    const response = await get("/changes/export?source=icd10cm", TEST_TOKEN, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect((await response.text()).split("\r\n").length).toBe(ICD_CHANGES + 2);
  });
});

describe("code history, sources, runs, volume", () => {
  it("shows a code's history across sources", async () => {
    const body = await json<{ code: string; title: string; history: Change[]; related: Change[] }>(
      "/codes/icd10cm/P74.2",
    );
    expect(body.code).toBe("P742");
    expect(body.history.map((c) => c.changeType)).toEqual(["deleted"]);
    expect(body.title).toBe("Disturbances of sodium balance of newborn");
    const unknown = await json<{ history: Change[] }>("/codes/icd10cm/Z9999999");
    expect(unknown.history).toEqual([]);
  });

  it("reports each source's health: last run, last success, status, counts and next expected run", async () => {
    const { sources } = await json<{ sources: Record<string, unknown>[] }>("/sources");
    const icdHealth = sources.find((s) => s.sourceId === "icd10cm");
    // Collected fine, but the replayed FY2019 is years behind the release due by now: said so.
    expect(icdHealth).toMatchObject({
      status: "expected-release-missing",
      statusReason: expect.stringMatching(
        /^no release effective \d{4}-10-01 yet, though one is usually published by \d{4}-08-10$/,
      ),
      // The last run found the April update to be the same order file again: nothing new.
      lastRunStatus: "unchanged",
      currentVersion: "FY2019, updated 2018-12-16",
      currentRecords: expect.any(Number),
      releases: 3,
      changesRecorded: ICD_CHANGES,
      schedule: expect.stringMatching(/^cron\(/),
    });
    expect(Date.parse(String(icdHealth!.nextExpectedRunAt))).toBeGreaterThan(Date.now());
    expect(sources.find((s) => s.sourceId === "icd10pcs")).toMatchObject({
      status: "never-run",
      releases: 0,
    });
  });

  it("lists the run log newest first, by source and by status", async () => {
    const { runs } = await json<{ runs: { sourceId: string; status: string; startedAt: string }[] }>("/runs");
    expect(runs.length).toBe(replayed.runs.length);
    expect(runs.map((r) => r.startedAt)).toEqual(
      runs
        .map((r) => r.startedAt)
        .sort()
        .reverse(),
    );
    const icdRuns = await json<{ runs: { sourceId: string; status: string }[] }>("/runs?source=icd10cm");
    expect(icdRuns.runs.map((r) => r.status).sort()).toEqual(
      replayed.runs
        .filter((r) => r.sourceId === "icd10cm")
        .map((r) => r.status)
        .sort(),
    );
    const baselines = await json<{ runs: { status: string }[] }>("/runs?status=baseline");
    expect(baselines.runs.map((r) => r.status)).toEqual(["baseline", "baseline"]);
    const paged = await json<{ runs: unknown[]; cursor?: string }>("/runs?limit=1");
    expect(paged.runs).toHaveLength(1);
    const next = await json<{ runs: unknown[] }>(`/runs?limit=1&cursor=${paged.cursor}`);
    expect(next.runs).toHaveLength(1);
    expect(next.runs).not.toEqual(paged.runs);
  });

  it("charts change volume from release summaries", async () => {
    const { series } = await json<{
      series: { sourceId: string; points: { version: string; total: number }[] }[];
    }>("/volume");
    expect(series.find((s) => s.sourceId === "icd10cm")?.points).toMatchObject([
      { version: "FY2019", total: 543 },
      { version: "FY2019, updated 2018-12-16", total: 7 },
    ]);
  });

  it("shows with each run the publisher's own counts and whether the diff agrees", async () => {
    const { runs } = await json<{ runs: Record<string, unknown>[] }>("/runs?source=icd10cm");
    expect(runs.find((run) => run.version === "FY2019")).toMatchObject({
      status: "succeeded",
      publisherCounts: {
        added: 279,
        deleted: 51,
        revised: 143,
        source: "addenda",
        base: "icd10cm_order_2018.txt",
      },
      publisherCheck: { status: "agrees" },
    });
    // The April update's order file is the re-issue's again: nothing new, and the run says so.
    expect(runs.find((run) => run.version === "FY2019 April 1 update")).toMatchObject({
      status: "unchanged",
      reason: expect.stringMatching(/holds the very same records as FY2019, updated 2018-12-16/),
    });
  });
});

describe("evidence", () => {
  it("links every change to its archived file, whose bytes hash to the recorded sha256", async () => {
    const change = icd.find((c) => c.code === "P742")!;
    expect(change.evidence.url).toMatch(
      /^https:\/\/www\.cms\.gov\/files\/zip\/2019-code-descriptions-tabular-order\.zip$/,
    );
    expect(Date.parse(change.evidence.fetchedAt)).not.toBeNaN();
    const link = await json<{ url: string; fileName: string; sourceUrl: string }>(
      `${change.evidence.downloadPath}?as=link`,
    );
    expect(link.fileName).toBe("2019-code-descriptions-tabular-order.zip");
    expect(link.sourceUrl).toBe(change.evidence.url);
    const file = Buffer.from(await (await fetch(link.url)).arrayBuffer());
    expect(createHash("sha256").update(file).digest("hex")).toBe(change.evidence.sha256);
    const redirect = await get(change.evidence.downloadPath);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toContain(change.evidence.sha256);
  });

  it("answers 404 for a file that is not archived and 400 for a malformed sha256", async () => {
    expect((await get(`/evidence/icd10cm/${"0".repeat(64)}`)).status).toBe(404);
    expect((await get("/evidence/icd10cm/not-a-hash")).status).toBe(400);
  });
});

describe("authentication and bad requests", () => {
  const reviewPaths = [
    "/changes",
    "/changes/export",
    "/codes/icd10cm/E119",
    "/sources",
    "/runs",
    "/volume",
    `/evidence/icd10cm/${"a".repeat(64)}`,
  ];

  it.each(reviewPaths)("refuses %s without a token, or with a wrong one, with a JSON 401", async (path) => {
    for (const token of [null, "wrong-token-wrong-token-wrong"]) {
      const response = await get(path, token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "unauthorized" });
    }
  });

  it.each([
    ["/changes?source=nope", "source"],
    ["/changes?limit=0", "limit"],
    ["/changes?limit=501", "limit"],
    ["/changes?limit=ten", "limit"],
    ["/changes?detectedFrom=last-week", "detectedFrom"],
    ["/changes?code=E119", "system"],
    ["/changes?changeType=renamed", "changeType.0"],
    ["/changes/export?format=xlsx", "format"],
    ["/codes/cpt/99213", "system"],
    ["/runs?from=2026-05-02&to=2026-05-01", "from"],
    ["/runs?status=lost", "status"],
  ])("answers %s with a 400 naming %s, and no stack trace", async (path, parameter) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    const text = await response.text();
    expect(text).not.toMatch(/\bat .+\.ts:\d+/);
    expect(JSON.parse(text).issues.map((i: { parameter: string }) => i.parameter)).toContain(parameter);
  });

  it("answers 404 for an unknown route and 405 for a write to a read-only one", async () => {
    expect((await get("/nothing-here")).status).toBe(404);
    const post = await get("/changes", TEST_TOKEN, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
  });
});
