import { describe, expect, it } from "vitest";
import { alertOperators } from "#shared/alerts/operator-alerts.js";
import { ZipError } from "#shared/archive/zip-error.js";
import { ABANDONED_AFTER_MS } from "#shared/collect/abandoned-runs.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { failureOf } from "#shared/collect/failure-of.js";
import { httpReleaseDownload } from "#shared/collect/http-release-download.js";
import {
  DEADLINE_MARGIN_MS,
  deadlineAt,
  deadlineIn,
  RunDeadlineError,
} from "#shared/collect/run-deadline.js";
import { SanityRefusal } from "#shared/collect/sanity-gate.js";
import { DID_NOT_FINISH } from "#shared/core/failure-kind.js";
import { ParseError } from "#shared/core/parse-error.js";
import type { ReleaseCandidate } from "#shared/core/release.js";
import type { OutgoingEmail } from "#shared/email/outgoing-email.js";
import { SourceFetchError } from "#shared/http/source-fetch-error.js";
import { recordedReleases } from "#shared/replay/recorded-releases.js";
import { loadReplayManifest } from "#shared/replay/replay-manifest.js";
import { hcpcs } from "#shared/sources/hcpcs.js";
import { collectDependenciesOn, type InMemoryStores, inMemoryStores } from "../../fakes/collect-stores.js";
import { FIXTURES_DIR, recordedDownload, recordedFiles } from "../../fakes/recorded-download.js";
import { startScriptedServer } from "../http/scripted-server.js";

const manifest = loadReplayManifest(FIXTURES_DIR);
const served = recordedFiles(manifest);
const [Q4_2024, Q4_2026] = (await recordedReleases(hcpcs, manifest)) as [ReleaseCandidate, ReleaseCandidate];

/** A clock a test moves by hand. */
function handClock(start = "2026-10-01T06:00:00.000Z") {
  let at = Date.parse(start);
  const now = () => new Date(at);
  return Object.assign(now, { advance: (ms: number) => (at += ms) });
}

const fetchFailure = (reason: ConstructorParameters<typeof SourceFetchError>[1]["reason"], status?: number) =>
  new SourceFetchError("x", { reason, url: "https://www.cms.gov/x.zip", ...(status ? { status } : {}) });

describe("a failed run says what kind of failure it was, from the error's type", () => {
  it.each([
    [fetchFailure("bot-check", 403), "blocked"],
    [fetchFailure("http-error", 403), "blocked"],
    [fetchFailure("http-error", 503), "unreachable"],
    [fetchFailure("network"), "unreachable"],
    [fetchFailure("timeout"), "unreachable"],
    [fetchFailure("unexpected-redirect", 302), "unreachable"],
    [fetchFailure("insecure-redirect", 301), "unreachable"],
    [fetchFailure("unexpected-content"), "parse-failed"],
    [new ParseError("hcpcs", "line 3: unknown header"), "parse-failed"],
    [new ZipError("corrupt", "x.zip: corrupt"), "parse-failed"],
    [new SanityRefusal("revises 71,000 of 71,000"), "refused"],
    [new RunDeadlineError("stopped"), "did-not-finish"],
    [new Error("DynamoDB said no"), "failed"],
  ])("%s → %s", (error, kind) => {
    expect(failureOf(error)).toBe(kind);
  });
});

/** HCPCS collected on the in-memory stores, with a publisher that can be switched off. */
function hcpcsOn(stores: InMemoryStores, now: () => Date) {
  let down = false;
  const publisher = recordedDownload(served, { faults: stores.faults });
  const deps = collectDependenciesOn(stores, {
    now,
    download: async (release, validators, options) => {
      if (down) throw fetchFailure("bot-check", 403);
      return publisher(release, validators, options);
    },
  });
  return {
    deps,
    set down(value: boolean) {
      down = value;
    },
  };
}

describe("a run killed mid-way", () => {
  it("is closed as failed by the next run of its source, and counts as a failure", async () => {
    const stores = inMemoryStores();
    const clock = handClock();
    const { deps } = hcpcsOn(stores, clock);
    await collectSource(hcpcs, deps, { release: Q4_2024 });
    // A run the function was killed in (out of memory): its `running` record is all it wrote.
    const startedAt = clock().toISOString();
    const killed = {
      sourceId: "hcpcs",
      runKey: `${startedAt}#killed`,
      runId: "killed",
      startedAt,
      startedDay: startedAt.slice(0, 10),
      status: "running" as const,
      expiresAt: 0,
    };
    await stores.runs.put(killed);

    clock.advance(ABANDONED_AFTER_MS + 60_000);
    const next = await collectSource(hcpcs, deps, { release: Q4_2026 });

    expect(next.status).toBe("succeeded");
    const closed = (await stores.runs.bySource("hcpcs")).find((run) => run.runId === killed.runId)!;
    expect(closed).toMatchObject({ status: "failed", failure: "did-not-finish", reason: DID_NOT_FINISH });
    expect((await stores.runs.bySource("hcpcs")).filter((run) => run.status === "running")).toEqual([]);
  });

  it("a run still within the function's time is left alone (it may be running now)", async () => {
    const stores = inMemoryStores();
    const clock = handClock();
    const { deps } = hcpcsOn(stores, clock);
    await stores.runs.put({
      sourceId: "hcpcs",
      runKey: `${clock().toISOString()}#other`,
      runId: "other",
      startedAt: clock().toISOString(),
      startedDay: clock().toISOString().slice(0, 10),
      status: "running",
      expiresAt: 0,
    });
    clock.advance(60_000);
    await collectSource(hcpcs, deps, { release: Q4_2024 });
    expect((await stores.runs.bySource("hcpcs")).find((run) => run.runId === "other")!.status).toBe(
      "running",
    );
  });
});

describe("a run that would outlive its function", () => {
  it("stops itself before the deadline with a failed run record, and the next run finishes the release", async () => {
    const stores = inMemoryStores();
    const clock = handClock();
    // A slow run: every look at the clock finds a minute gone.
    const slow = () => new Date(clock.advance(60_000));
    const { deps } = hcpcsOn(stores, slow);
    await collectSource(hcpcs, deps, { release: Q4_2024 });
    const started = clock().getTime();
    const run = await collectSource(hcpcs, deps, {
      release: Q4_2026,
      deadline: deadlineAt(started + 4 * 60_000, slow),
    });
    expect(run).toMatchObject({ status: "failed", failure: "did-not-finish" });
    expect(run.reason).toMatch(/^stopped before .+: the function's time was about to run out/);
    expect(stores.releases.stateNow("hcpcs")).toMatchObject({
      currentVersion: Q4_2024.version,
      lastRunStatus: "failed",
      lastFailure: "did-not-finish",
      consecutiveFailures: 1,
    });

    const retried = await collectSource(hcpcs, deps, { release: Q4_2026 });
    expect(retried.status).toBe("succeeded");
    expect(stores.releases.stateNow("hcpcs")).toMatchObject({
      currentVersion: Q4_2026.version,
      consecutiveFailures: 0,
    });
  });
});

describe("operators are alerted once after a streak of failures, and once on recovery", () => {
  function mailbox() {
    const sent: OutgoingEmail[] = [];
    const send = async (email: OutgoingEmail) => {
      sent.push(email);
      return `m${sent.length}`;
    };
    return { sent, sender: { send } };
  }
  const settings = { to: "oncall@example.org", from: "alerts@example.org", afterFailures: 3 };

  it("three failures → one alert naming the source, since when and why; more failures → none; recovery → one", async () => {
    const stores = inMemoryStores();
    const clock = handClock();
    const publisher = hcpcsOn(stores, clock);
    const { sent, sender } = mailbox();
    const alerts = { releases: stores.releases, sender, settings, now: clock };
    await collectSource(hcpcs, publisher.deps, { release: Q4_2024 });

    publisher.down = true;
    const outcomes = [];
    const firstFailureAt = clock().toISOString();
    for (let i = 0; i < 5; i++) {
      const run = await collectSource(hcpcs, publisher.deps, { release: Q4_2026 });
      expect(run).toMatchObject({ status: "failed", failure: "blocked" });
      outcomes.push(await alertOperators(hcpcs, run, alerts));
      clock.advance(24 * 3600_000);
    }
    expect(outcomes).toEqual(["none", "none", "alerted", "none", "none"]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: "oncall@example.org", from: "alerts@example.org" });
    expect(sent[0]!.subject).toBe(`codecurrent alert: hcpcs blocked since ${firstFailureAt.slice(0, 10)}`);
    expect(sent[0]!.text).toContain(`has failed 3 runs in a row, since ${firstFailureAt}`);
    expect(sent[0]!.text).toMatch(/Why \(last run, .+\): x/);
    expect(sent[0]!.text).toContain("collectEgress=fixed-ip");

    publisher.down = false;
    const recovered = await collectSource(hcpcs, publisher.deps, { release: Q4_2026 });
    expect(await alertOperators(hcpcs, recovered, alerts)).toBe("recovered");
    const again = await collectSource(hcpcs, publisher.deps, { release: Q4_2026 });
    expect(await alertOperators(hcpcs, again, alerts)).toBe("none");
    expect(sent.map((email) => email.subject)).toEqual([sent[0]!.subject, "codecurrent recovered: hcpcs"]);
    expect(sent[1]!.text).toContain(`It had been failing since ${firstFailureAt}`);
  });

  it("runs failing at the same time, and a retried alert step, still send one alert", async () => {
    const stores = inMemoryStores();
    const clock = handClock();
    const publisher = hcpcsOn(stores, clock);
    const { sent, sender } = mailbox();
    const alerts = { releases: stores.releases, sender, settings, now: clock };
    publisher.down = true;
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => collectSource(hcpcs, publisher.deps, { release: Q4_2024 })),
    );
    expect(stores.releases.stateNow("hcpcs").consecutiveFailures).toBe(4);
    await Promise.all(runs.map((run) => alertOperators(hcpcs, run, alerts)));
    await alertOperators(hcpcs, runs[0]!, alerts);
    expect(sent).toHaveLength(1);
  });

  it("a source that fails once or twice and recovers mails nobody", async () => {
    const stores = inMemoryStores();
    const clock = handClock();
    const publisher = hcpcsOn(stores, clock);
    const { sent, sender } = mailbox();
    const alerts = { releases: stores.releases, sender, settings, now: clock };
    publisher.down = true;
    for (let i = 0; i < 2; i++)
      await alertOperators(hcpcs, await collectSource(hcpcs, publisher.deps, { release: Q4_2024 }), alerts);
    publisher.down = false;
    await alertOperators(hcpcs, await collectSource(hcpcs, publisher.deps, { release: Q4_2024 }), alerts);
    expect(sent).toHaveLength(0);
    expect(stores.releases.stateNow("hcpcs").consecutiveFailures).toBe(0);
  });
});

describe("a publisher that hangs past the run's deadline", () => {
  it("is let go at the deadline: the download is aborted and the run ends as did-not-finish, with a record", async () => {
    const hanging = await startScriptedServer(() => {});
    try {
      const stores = inMemoryStores();
      const deps = collectDependenciesOn(stores, {
        download: httpReleaseDownload({ mirror: hanging.origin, retry: { sleep: async () => {} } }),
      });
      // 300 ms of the function's time left after the margin kept to record the outcome.
      const run = await collectSource(hcpcs, deps, {
        release: Q4_2024,
        deadline: deadlineIn(DEADLINE_MARGIN_MS + 300),
      });
      expect(run).toMatchObject({ status: "failed", failure: "did-not-finish" });
      expect(run.reason).toMatch(
        /^stopped before waiting on a publisher: the function's time was about to run out/,
      );
      expect(hanging.requests.length).toBeGreaterThan(0);
      expect((await stores.runs.bySource("hcpcs"))[0]!.status).toBe("failed");
    } finally {
      await hanging.close();
    }
  });
});

describe("what a source skipped on a publisher's page", () => {
  it("is kept on the run record, and the run goes on with the rest", async () => {
    const stores = inMemoryStores();
    const { deps } = hcpcsOn(stores, handClock());
    const skipping = {
      ...hcpcs,
      candidates: (_now: Date, context?: { warn?: (message: string) => void }) => {
        context?.warn?.(
          'https://www.cms.gov/x: skipped the link "HCPCS file" (http://): not a valid address',
        );
        return [Q4_2024];
      },
    };
    const run = await collectSource(skipping, deps);
    expect(run.status).toBe("baseline");
    expect(run.warnings).toEqual([
      'https://www.cms.gov/x: skipped the link "HCPCS file" (http://): not a valid address',
    ]);
  });
});
