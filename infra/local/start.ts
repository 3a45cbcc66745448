/**
 * `npm start`: the whole job on this machine. Starts the local stack with its data under
 * `.codecurrent/`, replays every recorded release through the real collector, prints what changed,
 * and keeps the services up for a person to look — or, with `--once` / `CI=true`, exits with a
 * status scripts can trust (1 when any run failed).
 */
import { mkdirSync } from "node:fs";
import getPort from "get-port";
import { createSubscriptionApi, subscriptionPages } from "#shared/api/create-subscription-api.js";
import { createAwsClients } from "#shared/aws/clients.js";
import { ChangeStore } from "#shared/changes/change-store.js";
import { describeChange, describeRun } from "#shared/cli/output/run-report.js";
import { fixturesDir, localDataDir } from "#shared/cli/project-root.js";
import { replaySources } from "#shared/cli/replay-command.js";
import { announceRunningStack, type Workspace } from "#shared/cli/workspace.js";
import { ENVIRONMENT_VARIABLES, readEnvironment } from "#shared/config/environment.js";
import { digestDependencies } from "#shared/digest/digest-dependencies.js";
import type { RunRecord } from "#shared/runs/run-record.js";
import { handleSignUpRequest } from "#shared/subscriptions/handle-sign-up-request.js";
import { InProcessSignUpQueue } from "#shared/subscriptions/in-process-sign-up-queue.js";
import { startApiServer } from "./api-server.js";
import { runLocalDigests } from "./local-digest-run.js";
import { startLocalStack } from "./local-stack.js";

const EXAMPLES_PER_RUN = 4;
// Local runs use this machine's Node 20 (the Lambdas run Node 22) with the SDK pinned by the
// lockfile, so the SDK's notice about future releases needing Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function main(): Promise<number> {
  const once = process.argv.includes("--once") || process.env.CI === "true";
  const dataDir = localDataDir();
  mkdirSync(dataDir, { recursive: true });
  say("codecurrent: starting the local stack (DynamoDB Local, S3, SES, recorded-source mirror)…");
  const stack = await startLocalStack({ dataDir, fixturesDir: fixturesDir() });
  // Links in every email point at the subscription pages this process serves below, at the same
  // paths as in AWS: on 8787 when it is free, so links in the kept inbox keep working across runs
  // (with --once nothing serves them now; the next `npm start` does).
  const pagesPort = await getPort({ port: 8787, host: "127.0.0.1" });
  const publicBaseUrl = `http://127.0.0.1:${pagesPort}`;
  const environment = { ...stack.environment, [ENVIRONMENT_VARIABLES.publicBaseUrl]: publicBaseUrl };
  const env = readEnvironment(environment);
  const clients = createAwsClients(env);
  const forget = announceRunningStack(dataDir, {
    environment,
    inbox: stack.urls.inbox,
    mirror: stack.urls.mirror,
  });
  const shutdown = async (): Promise<void> => {
    forget();
    clients.destroy();
    await stack.stop();
  };
  try {
    say(`local stack up in ${(stack.startupMs / 1000).toFixed(1)} s\n`);
    const workspace: Workspace = {
      env,
      clients,
      local: { fixturesDir: fixturesDir(), dataDir, inbox: stack.urls.inbox, mirror: stack.urls.mirror },
      close: async () => {},
    };
    say("Replaying recorded CMS releases through the real fetch, unzip, parse, diff and store:");
    const changes = new ChangeStore(clients.dynamo, env.changesTable);
    const runs = await replaySources(workspace, undefined, (run) => say(`  ${describeRun(run)}`));
    await printExamples(runs, changes);

    const failed = runs.filter((run) => run.status === "failed");
    const stored = runs.reduce((sum, run) => sum + (run.changesWritten ?? 0), 0);
    say("");
    say(`${runs.length} runs: ${stored} new changes stored, ${failed.length} failed.`);

    // People: after the replay, the digests and reminders its changes produce, into the local SES inbox.
    say("\nSubscribing the demo readers and sending what is due to them (local SES inbox):");
    const digests = await digestDependencies(env, clients, { localDataDir: dataDir });
    const people = await runLocalDigests(digests);
    say(
      `  ${people.subscribed} newly subscribed (double opt-in); digests: ${people.sent} sent, ` +
        `${people.alreadySent} already sent this period, ${people.empty} with nothing new; ` +
        `CEU reminders: ${people.reminders} sent; ${people.failed} failed.`,
    );
    say(`Data:  ${dataDir} (delete it to start over)`);
    if (stack.urls.inboxDir) {
      say(`Mail:  ${stack.urls.inboxDir}   (every email sent, as .html and .txt files; kept across runs)`);
    }
    say(`Try:   npx codecurrent digest --preview dana.cardiology@example.org [--format html|eml]`);
    say(`       npx codecurrent changes --system icd10cm --code P74.2   (while this runs, or after)`);
    if (once) {
      // Nothing below would outlive this process: point at what does.
      say(
        `Run \`npm start\` to read the same mail in the web inbox and open its links (${publicBaseUrl}/subscriptions/…).`,
      );
      await shutdown();
      return failed.length > 0 || people.failed > 0 ? 1 : 0;
    }
    const localToken = readEnvironment(process.env).localApiToken;
    // Sign-ups are handled in the background of this process, as SQS and the sign-up worker do in AWS.
    const signUps = new InProcessSignUpQueue((request) => handleSignUpRequest(request, digests));
    const web = await startApiServer({
      env,
      clients,
      // The stack's environment points at the emulators; the token is the person's own setting.
      ...(localToken ? { token: localToken } : {}),
      port: pagesPort,
      subscriptions: createSubscriptionApi({
        pages: async () => subscriptionPages({ ...digests, signUps }, digests.changes),
      }),
    });
    say("");
    say(`Inbox: ${stack.urls.inbox}   (the digests, confirmations and CEU reminders sent above)`);
    say(`Sign up: ${publicBaseUrl}/subscriptions   (the pages every email links to)`);
    say(`Web:   ${web.signInUrl}`);
    say(
      `API:   ${web.apiUrl}  (GET /changes, /codes/{system}/{code}, /sources, /runs, /volume, /evidence/…)`,
    );
    // The local stand-in for Cognito: whoever can read this terminal may review the change log.
    say(`API token: ${web.token}  (send it as "Authorization: Bearer <token>"; the Web address carries it)`);
    say("\nServices stay up for you to look; Ctrl-C stops them.");
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await web.stop();
    // A sign-up answered a moment ago still has its confirmation to send: let it finish first.
    await signUps.settled();
    await shutdown();
    return failed.length > 0 || people.failed > 0 ? 1 : 0;
  } catch (error) {
    await shutdown().catch(() => {});
    throw error;
  }
}

async function printExamples(runs: readonly RunRecord[], changes: ChangeStore): Promise<void> {
  const withChanges = runs.filter((run) => run.status === "succeeded" && (run.changesWritten ?? 0) > 0);
  if (withChanges.length === 0) return;
  say("\nExamples:");
  for (const run of withChanges) {
    const page = await changes.bySource(run.sourceId, { limit: 200 });
    const mine = page.changes.filter((change) => change.version === run.version);
    // One of each kind first, so a reader sees what an addition, a deletion and a revision look like.
    const picked = ["added", "deleted", "revised"]
      .map((type) => mine.find((change) => change.changeType === type && change.category === "code"))
      .filter((change) => change !== undefined)
      .slice(0, EXAMPLES_PER_RUN);
    for (const change of picked) say(`  ${describeChange(change)}`);
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`codecurrent: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
