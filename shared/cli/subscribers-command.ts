import type { Command } from "commander";
import { InputError, UsageError } from "./exit-codes.js";
import type { CliContext } from "./workspace.js";

interface AddOptions {
  readonly workSetting?: string;
  readonly watch: string[];
  readonly watchlistFile?: string;
  readonly specialty: string[];
  readonly system: string[];
  readonly range: string[];
  readonly keyword: string[];
  readonly source: string[];
  readonly frequency?: string;
  readonly tz?: string;
  readonly hour?: string;
  readonly credential: string[];
  readonly name?: string;
  readonly confirmed?: boolean;
  readonly aws?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `codecurrent subscribers add|list|remove`: operators manage subscribers. `add` starts the double
 * opt-in (a confirmation email) unless `--confirmed` says the person already opted in elsewhere.
 * Addresses are masked in listings unless asked for: terminals get screen-shared and scrolled back.
 */
export function registerSubscribersCommand(program: Command, context: CliContext): void {
  const subscribers = program.command("subscribers").description("Manage digest subscribers");

  subscribers
    .command("add <email>")
    .description("Subscribe an address (sends the confirmation email)")
    .option(
      "--work-setting <setting>",
      "professional-fee, facility-inpatient, facility-outpatient, dme-supplier or payer-compliance: decides the code sets",
    )
    .option(
      "--watch <codes>",
      "a code or range on the watchlist, e.g. I25.10 or 33206-33249; repeatable",
      collect,
      [],
    )
    .option("--watchlist-file <csv>", "a CSV of codes for the watchlist (first column; header optional)")
    .option("--specialty <id>", "a specialty (cardiology, oncology, dme, …); repeatable", collect, [])
    .option(
      "--system <system>",
      "a code system followed (icd10cm, icd10pcs, hcpcs, …); repeatable",
      collect,
      [],
    )
    .option("--range <codes>", "an extra code range, e.g. I20-I25; repeatable", collect, [])
    .option("--keyword <words>", "a keyword or phrase; repeatable", collect, [])
    .option("--source <id>", "a source followed whole, e.g. federal-register; repeatable", collect, [])
    .option("--frequency <f>", "daily, weekly or monthly", "weekly")
    .option("--tz <zone>", "IANA time zone", "America/New_York")
    .option("--hour <h>", "local send hour, 0-23", "7")
    .option(
      "--credential <CRED:YYYY-MM-DD>",
      "a credential and its cycle end, e.g. CPC:2027-03-31; repeatable",
      collect,
      [],
    )
    .option("--name <name>", "how the digest greets them")
    .option("--confirmed", "already opted in elsewhere: activate without a confirmation email")
    .option("--aws", "use the deployed AWS tables and SES instead of the local stack")
    .action(async (email: string, options: AddOptions) => {
      const [{ newSubscriberSchema }, watchlist, { readFile }] = await Promise.all([
        import("../subscribers/subscriber.js"),
        import("../specialties/watchlist.js"),
        import("node:fs/promises"),
      ]);
      const typed = watchlist.readTypedWatchlist(options.watch.join("\n"));
      const file = options.watchlistFile
        ? watchlist.readWatchlistCsv(
            await readFile(options.watchlistFile, "utf8").catch(() => {
              throw new InputError(`--watchlist-file: cannot read ${options.watchlistFile}`);
            }),
          )
        : undefined;
      const problems = [
        ...typed.problems,
        ...(file?.problems ?? []).map((p) => `${options.watchlistFile}: ${p}`),
      ];
      if (problems.length > 0) throw new UsageError(problems.join("\n"));
      const parsed = newSubscriberSchema.safeParse({
        email,
        ...(options.name ? { name: options.name } : {}),
        interests: {
          ...(options.workSetting ? { workSetting: options.workSetting } : {}),
          watchlist: watchlist.distinctEntries([...typed.entries, ...(file?.entries ?? [])]),
          specialties: options.specialty,
          codeSystems: options.system,
          codeRanges: options.range,
          keywords: options.keyword,
          sources: options.source,
        },
        frequency: options.frequency,
        timeZone: options.tz,
        sendHour: Number(options.hour),
        credentials: options.credential.map((text) => {
          const [credential, cycleEnd] = text.split(":");
          return { credential, cycleEnd };
        }),
      });
      if (!parsed.success) {
        throw new UsageError(
          parsed.error.issues
            .map((issue) => {
              const [first, index] = issue.path;
              if (first === "credentials" && typeof index === "number")
                return `--credential ${options.credential[index]}: ${issue.message}`;
              return `${issue.path.join(".")}: ${issue.message}`;
            })
            .join("\n"),
        );
      }
      await withDigestDependencies(context, options.aws, async (deps) => {
        const { email: address, name, ...preferences } = parsed.data;
        if (options.confirmed) {
          const { addConfirmedSubscriber, AddressTakenError } = await import(
            "../subscriptions/add-confirmed-subscriber.js"
          );
          try {
            const subscriber = await addConfirmedSubscriber(
              { email: address, ...(name ? { name } : {}), preferences },
              deps,
            );
            process.stdout.write(`${subscriber.subscriberId} active\n`);
          } catch (error) {
            if (error instanceof AddressTakenError) throw new InputError(error.message);
            throw error;
          }
          return;
        }
        const { handleSignUpRequest } = await import("../subscriptions/handle-sign-up-request.js");
        const outcome = await handleSignUpRequest(
          {
            kind: "sign-up",
            email: address,
            ...(name ? { name } : {}),
            preferences,
            requestedAt: new Date().toISOString(),
          },
          deps,
        );
        process.stdout.write(`${describeSignUp(outcome)}\n`);
      });
    });

  subscribers
    .command("list")
    .description("List subscribers (addresses masked)")
    .option("--status <status>", "pending, active, unsubscribed or suppressed", "active")
    .option("--show-emails", "print the addresses in full")
    .option("--aws", "use the deployed AWS tables")
    .action(async (options: { status: string; showEmails?: boolean; aws?: boolean }) => {
      const { SUBSCRIBER_STATUSES } = await import("../subscribers/subscriber.js");
      const status = SUBSCRIBER_STATUSES.find((s) => s === options.status);
      if (!status) throw new InputError(`--status must be one of ${SUBSCRIBER_STATUSES.join(", ")}`);
      await withDigestDependencies(context, options.aws, async (deps) => {
        let count = 0;
        for await (const page of deps.subscribers.withStatus(status)) {
          for (const s of page) {
            const email = options.showEmails ? s.email : maskEmail(s.email);
            const interests = [
              ...s.interests.specialties,
              ...s.interests.codeSystems,
              ...s.interests.codeRanges,
            ];
            process.stdout.write(
              `${s.subscriberId}  ${email}  ${s.status}  ${s.frequency} ${String(s.sendHour).padStart(2, "0")}:00 ${s.timeZone}  ${interests.join(",") || "-"}\n`,
            );
            count++;
          }
        }
        process.stderr.write(`${count} ${status} subscriber(s)\n`);
      });
    });

  subscribers
    .command("remove <emailOrId>")
    .description("Delete a subscriber and their data")
    .option("--aws", "use the deployed AWS tables")
    .action(async (target: string, options: { aws?: boolean }) => {
      await withDigestDependencies(context, options.aws, async (deps) => {
        const subscriber = target.includes("@")
          ? await deps.subscribers.findByEmail(target)
          : await deps.subscribers.get(target);
        if (!subscriber) throw new InputError("no such subscriber");
        await deps.ceuLog.removeAll(subscriber.subscriberId);
        await deps.subscribers.remove(subscriber.subscriberId);
        await deps.addresses.release(subscriber.emailHash);
        process.stdout.write(`${subscriber.subscriberId} removed\n`);
      });
    });
}

/** What the operator is told a sign-up did (no address: terminals get shared). */
function describeSignUp(outcome: import("../subscriptions/handle-sign-up-request.js").SignUpOutcome): string {
  switch (outcome.status) {
    case "sent":
      return `${outcome.subscriberId} pending: confirmation email sent${outcome.created ? "" : " (the address was known: its preferences change only if the owner confirms)"}`;
    case "limited":
      return `${outcome.subscriberId}: a confirmation email already went to this address today; none sent (one per day)`;
    case "in-flight":
      return "another sign-up for this address is being handled right now; nothing sent";
    default:
      return "this address cannot be mailed (bounced or complained); nothing sent";
  }
}

/** `jane.doe@example.org` → `j***@example.org`. */
export function maskEmail(email: string): string {
  const at = email.indexOf("@");
  return at <= 0 ? "***" : `${email[0]}***${email.slice(at)}`;
}

export async function withDigestDependencies<T>(
  context: CliContext,
  aws: boolean | undefined,
  work: (deps: import("../digest/digest-dependencies.js").DigestDependencies) => Promise<T>,
): Promise<T> {
  const [{ openWorkspace }, { digestDependencies }] = await Promise.all([
    import("./workspace.js"),
    import("../digest/digest-dependencies.js"),
  ]);
  const workspace = await openWorkspace(context, { aws });
  try {
    const deps = await digestDependencies(workspace.env, workspace.clients, {
      ...(workspace.local ? { localDataDir: workspace.local.dataDir } : {}),
    });
    return await work(deps);
  } finally {
    await workspace.close();
  }
}
