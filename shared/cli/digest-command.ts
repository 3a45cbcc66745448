import { type Command, Option } from "commander";
import { InputError } from "./exit-codes.js";
import { withDigestDependencies } from "./subscribers-command.js";
import type { CliContext } from "./workspace.js";

const FORMATS = ["text", "html", "eml"] as const;

interface DigestOptions {
  readonly preview?: string;
  readonly format: (typeof FORMATS)[number];
  readonly send?: boolean;
  readonly ignoreSchedule?: boolean;
  readonly reminders?: boolean;
  readonly aws?: boolean;
}

/**
 * `codecurrent digest --preview EMAIL`: what that subscriber would receive now, without sending
 * or recording anything. `codecurrent digest --send`: the dispatcher, run here — digests due this
 * hour (or all, with `--ignore-schedule`), each sent at most once per period; `--reminders` also
 * runs the CEU reminder pass.
 */
export function registerDigestCommand(program: Command, context: CliContext): void {
  program
    .command("digest")
    .description("Preview a subscriber's digest, or send the digests that are due")
    .option("--preview <email>", "render what this subscriber would receive now (nothing is sent)")
    .addOption(new Option("--format <format>", "preview output").choices(FORMATS).default("text"))
    .option("--send", "run the dispatcher: send every digest due now")
    .option("--ignore-schedule", "with --send: every active subscriber, whatever their send hour")
    .option("--reminders", "with --send: also send the CEU reminders due today")
    .option("--aws", "use the deployed AWS tables, queue and SES instead of the local stack")
    .action(async (options: DigestOptions) => {
      if (!options.preview === !options.send) throw new InputError("use either --preview EMAIL or --send");
      if (options.preview) await preview(context, options.preview, options);
      else await send(context, options);
    });
}

async function preview(context: CliContext, email: string, options: DigestOptions): Promise<void> {
  await withDigestDependencies(context, options.aws, async (deps) => {
    const [{ digestFor }, { composeMime }] = await Promise.all([
      import("../digest/send-digest.js"),
      import("../email/mime-message.js"),
    ]);
    const subscriber = await deps.subscribers.findByEmail(email);
    if (!subscriber) throw new InputError("no subscriber with that address");
    const { digest, since } = await digestFor(subscriber, deps, new Date());
    if (!digest) {
      process.stderr.write(`nothing to send: no matching change since ${since} and nothing coming up\n`);
      return;
    }
    if (options.format === "eml") process.stdout.write(await composeMime(digest.email));
    else process.stdout.write(options.format === "html" ? digest.rendered.html : digest.rendered.text);
    process.stderr.write(
      `${subscriber.status} subscriber; ${digest.changeCount} matching change(s) since ${since}\n`,
    );
  });
}

async function send(context: CliContext, options: DigestOptions): Promise<void> {
  await withDigestDependencies(context, options.aws, async (deps) => {
    const [{ dispatchDigests }, { InProcessDigestQueue }, { sendCeuReminders }] = await Promise.all([
      import("../digest/dispatch-digests.js"),
      import("../digest/in-process-digest-queue.js"),
      import("../reminders/send-ceu-reminders.js"),
    ]);
    const queue = new InProcessDigestQueue(deps);
    const queued = await dispatchDigests(deps.subscribers, queue, { ignoreSchedule: options.ignoreSchedule });
    const count = (status: string) => queue.outcomes.filter((o) => o.outcome?.status === status).length;
    const failed = queue.outcomes.filter((o) => o.error);
    process.stdout.write(
      `${queued} due: ${count("sent")} sent, ${count("already-sent")} already sent this period, ${count("empty")} with nothing new, ${failed.length} failed\n`,
    );
    for (const failure of failed) process.stderr.write(`  ${failure.subscriberId}: ${failure.error}\n`);
    if (options.reminders) {
      const run = await sendCeuReminders(deps);
      process.stdout.write(`CEU reminders: ${run.sent} sent, ${run.failed} failed\n`);
    }
    if (failed.length > 0) process.exitCode = 1;
  });
}
