import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { operatorAlertDependencies } from "#shared/alerts/alert-dependencies.js";
import { alertOperators } from "#shared/alerts/operator-alerts.js";
import { collectDependencies } from "#shared/collect/collect-dependencies.js";
import { collectSource } from "#shared/collect/collect-source.js";
import { DID_NOT_FINISH } from "#shared/core/failure-kind.js";
import { DynamoReleaseStore } from "#shared/releases/dynamo-release-store.js";
import { DynamoRunStore } from "#shared/runs/dynamo-run-store.js";
import { oigWorkplan } from "#shared/sources/oig-workplan.js";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";
import { FIXTURES_DIR, useLocalStack } from "../support/local-stack.js";
import { noWaitHttp } from "../support/no-wait-http.js";

const local = useLocalStack();
const EXPORT = "https://oig.hhs.gov/workplan/export-workplan/";
const OPERATORS = "oncall@example.org";

/** The OIG export as its publisher serves it now: behind a firewall's 403 page, or the real file. */
function publisherAnswers(answer: "blocked" | "serving") {
  const body =
    answer === "blocked"
      ? Buffer.from("<html><body><h1>Access Denied</h1>Reference #18.1a2b</body></html>")
      : readFileSync(path.join(FIXTURES_DIR, "oig-workplan/export-workplan.excerpt.csv"));
  local.stack.mirror.override(EXPORT, (_request, response) => {
    response
      .writeHead(answer === "blocked" ? 403 : 200, {
        "content-type": answer === "blocked" ? "text/html" : "text/csv",
        "content-length": String(body.length),
      })
      .end(body);
  });
}

describe("operator alerts, through the local SES", () => {
  it("three failures in a row → one alert email (also when runs race), recovery → one more, and nothing else", async () => {
    const source = { ...oigWorkplan, id: "oig-workplan-alerts" };
    const env = { ...local.env, alertEmail: OPERATORS, alertAfterFailures: 3 };
    const alerts = operatorAlertDependencies(env, local.clients)!;
    const deps = collectDependencies(env, local.clients, { http: noWaitHttp() });
    const run = async () => {
      const record = await collectSource(source, deps);
      await alertOperators(source, record, alerts);
      return record;
    };
    const alertMail = async () =>
      (await readLocalInbox(local.stack.urls.inbox)).filter((mail) =>
        mail.destination.to.includes(OPERATORS),
      );

    publisherAnswers("blocked");
    for (const _ of [1, 2]) expect(await run()).toMatchObject({ status: "failed", failure: "blocked" });
    expect(await alertMail()).toHaveLength(0);
    // The third and fourth failures at once: whichever opens the alert sends it, the other does not.
    await Promise.all([run(), run()]);
    await run();
    const state = await new DynamoReleaseStore(local.clients.dynamo, local.env.sourcesTable).state(source.id);
    expect(state).toMatchObject({ consecutiveFailures: 5, lastFailure: "blocked" });
    const alerted = await alertMail();
    expect(alerted.map((mail) => mail.subject)).toEqual([
      `codecurrent alert: ${source.id} blocked since ${state.failingSince!.slice(0, 10)}`,
    ]);
    // Three or four: the racing runs may both have failed before either alerted.
    expect(alerted[0]!.body.text).toMatch(
      new RegExp(`has failed [34] runs in a row, since ${state.failingSince}`),
    );
    expect(alerted[0]!.body.text).toMatch(/answered 403 with what looks like a bot-check page/);

    publisherAnswers("serving");
    expect((await run()).status).toMatch(/baseline|succeeded/);
    expect((await run()).status).toBe("unchanged");
    expect((await alertMail()).map((mail) => mail.subject)).toEqual([
      alerted[0]!.subject,
      `codecurrent recovered: ${source.id}`,
    ]);
  });
});

describe("a run killed mid-way, on the local stack", () => {
  it("is closed as failed by the next run, once, however many runs look at it", async () => {
    const source = { ...oigWorkplan, id: "oig-workplan-killed" };
    const runs = new DynamoRunStore(local.clients.dynamo, local.env.runsTable);
    const startedAt = new Date(Date.now() - 20 * 60_000).toISOString();
    await runs.put({
      sourceId: source.id,
      runKey: `${startedAt}#killed`,
      runId: "killed",
      startedAt,
      startedDay: startedAt.slice(0, 10),
      status: "running",
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    publisherAnswers("serving");
    const deps = collectDependencies(local.env, local.clients, { http: noWaitHttp() });
    const [first, second] = await Promise.all([collectSource(source, deps), collectSource(source, deps)]);
    expect([first.status, second.status].sort()).toEqual(["baseline", "unchanged"].sort());
    const killed = (await runs.bySource(source.id)).find((run) => run.runId === "killed")!;
    expect(killed).toMatchObject({ status: "failed", failure: "did-not-finish", reason: DID_NOT_FINISH });
    expect(killed.finishedAt).toBeDefined();
  });
});
