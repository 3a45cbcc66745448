/**
 * One collection through the real pipeline, in a process of its own so its peak RSS is its own:
 * publishers served over HTTP on 127.0.0.1 (real fetch, zip limits and inflation), the real
 * parsers, the in-memory stores of test/fakes. `npm run bench` runs it per case and prints the
 * peak beside the collect function's memory setting.
 *   tsx test/bench/collect-rss.ts icd10cm            full ICD-10-CM FY2018 → FY2019
 *   tsx test/bench/collect-rss.ts ptp <dir>          a generated 4-part PTP quarter written in <dir>
 *   tsx test/bench/collect-rss.ts idle               the process with the modules loaded, nothing collected
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { collectSource } from "#shared/collect/collect-source.js";
import { httpReleaseDownload } from "#shared/collect/http-release-download.js";
import { memoryBudget } from "#shared/collect/memory-budget.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import type { RunRecord } from "#shared/runs/run-record.js";
import { icd10cm } from "#shared/sources/icd10cm.js";
import { ncciPtpPractitioner } from "#shared/sources/ncci-ptp.js";
import type { Source } from "#shared/sources/source.js";
import { COLLECT_MEMORY_MB } from "../../infra/constructs/collectors.js";
import { collectDependenciesOn, inMemoryStores } from "../fakes/collect-stores.js";
import { zipOf } from "../fixtures/zip-of.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const [which = "idle", dir = ""] = process.argv.slice(2);

/** Serves `files` (publisher URL → bytes) the way the local mirror does: `/<host>/<path>`. */
async function publish(files: ReadonlyMap<string, Buffer>): Promise<{ mirror: string; close(): void }> {
  const byPath = new Map(
    [...files].map(([url, bytes]) => [`/${new URL(url).host}${new URL(url).pathname}`, bytes]),
  );
  const server = createServer((request, response) => {
    const body = byPath.get(request.url ?? "");
    if (!body) return void response.writeHead(404).end();
    response
      .writeHead(200, { "content-type": "application/zip", "content-length": String(body.length) })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    mirror: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

async function collectAll(source: Source, releases: readonly ReleaseCandidate[], files: Map<string, Buffer>) {
  const served = await publish(files);
  files.clear();
  const stores = inMemoryStores();
  // The limits the collect function runs with: sized to its memory setting.
  const budget = memoryBudget(COLLECT_MEMORY_MB);
  const deps = collectDependenciesOn(stores, {
    download: httpReleaseDownload({
      mirror: served.mirror,
      maxBytes: budget.maxDownloadBytes,
      zipLimits: budget.zipLimits,
    }),
    now: () => new Date(),
  });
  const runs: RunRecord[] = [];
  for (const release of releases) runs.push(await collectSource(source, deps, { release }));
  served.close();
  return runs.map((run) => ({
    status: run.status,
    version: run.version,
    records: run.records,
    changes: run.changesWritten,
    reason: run.reason,
  }));
}

async function icd10cmYear() {
  const year = (fy: number) => ({
    version: `FY${fy}`,
    effectiveDate: `${fy - 1}-10-01`,
    files: [
      {
        url: `https://www.cms.gov/files/zip/${fy}-code-descriptions-tabular-order.zip`,
        entry: [new RegExp(`icd10cm_order_${fy}\\.txt$`)],
      },
    ],
  });
  const files = new Map<string, Buffer>();
  for (const fy of [2018, 2019]) {
    const text = gunzipSync(readFileSync(join(root, `test/fixtures/codesets/icd10cm_order_${fy}.txt.gz`)));
    files.set(year(fy).files[0]!.url, await zipOf({ [`icd10cm_order_${fy}.txt`]: text }));
  }
  return collectAll(icd10cm, [year(2018), year(2019)], files);
}

async function ptpQuarter(quarterDir: string) {
  const names = readdirSync(quarterDir);
  const side = (prefix: "old" | "new", version: string, effectiveDate: string) => {
    const parts = names.filter((name) => name.startsWith(`${prefix}-f`) && name.endsWith(".txt")).sort();
    return {
      version,
      effectiveDate,
      files: parts.map((part) => ({
        url: `https://www.cms.gov/files/zip/medicare-ncci-ptp-${version}-${part.replace(".txt", ".zip")}`,
        entry: [/\.txt$/i],
      })),
      parts,
    };
  };
  const before = side("old", "v321r0", "2026-04-01");
  const after = side("new", "v322r0", "2026-07-01");
  const files = new Map<string, Buffer>();
  for (const release of [before, after])
    for (const [index, part] of release.parts.entries())
      files.set(release.files[index]!.url, await zipOf({ [part]: readFileSync(join(quarterDir, part)) }));
  return collectAll(ncciPtpPractitioner, [before, after], files);
}

const outcome = which === "icd10cm" ? await icd10cmYear() : which === "ptp" ? await ptpQuarter(dir) : [];
// maxRSS is in kilobytes: the process's peak resident set, the figure Lambda's memory limit is about.
console.log(JSON.stringify({ which, peakRssMb: process.resourceUsage().maxRSS / 1024, runs: outcome }));
