import type { EmailSender } from "../email/ses-sender.js";
import type { SourceState } from "../releases/release-record.js";
import type { ReleaseStore } from "../releases/release-store.js";
import type { RunRecord } from "../runs/run-record.js";
import { alertEmail, recoveryEmail } from "./alert-email.js";

/** Who is alerted, from which address, and after how many failed runs in a row. */
export interface OperatorAlertSettings {
  /** The operators' address (`alarmEmail`, the one CloudWatch alarms go to). */
  readonly to: string;
  /** The SES identity alerts are sent from (`senderAddress`). */
  readonly from: string;
  /** Failed runs in a row before the one alert; default 3. */
  readonly afterFailures: number;
}

export interface OperatorAlertDependencies {
  readonly releases: Pick<ReleaseStore, "openAlert" | "closeAlert">;
  readonly sender: EmailSender;
  readonly settings: OperatorAlertSettings;
  readonly now?: () => Date;
}

/** What a finished run did to the operators' mailbox. */
export type AlertOutcome = "alerted" | "recovered" | "none";

/**
 * After each run of a source: the one alert email when it has now failed `afterFailures` times in a
 * row (which source, since when, and why), and the one recovery email when a run succeeds after
 * that. Both hinge on a conditional write to the source's state, so racing and retried runs send
 * each email once. A source that fails once and recovers never mails anyone: the run log and the
 * CloudWatch alarms show it.
 */
export async function alertOperators(
  source: { readonly id: string; readonly title: string },
  run: RunRecord,
  deps: OperatorAlertDependencies,
): Promise<AlertOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  if (run.status === "running") return "none";
  if (run.status === "failed") {
    const opened = await deps.releases.openAlert(source.id, now.toISOString(), deps.settings.afterFailures);
    if (!opened) return "none";
    await deps.sender.send(alertEmail(source, opened, run, deps.settings));
    return "alerted";
  }
  const closed: SourceState | undefined = await deps.releases.closeAlert(source.id);
  if (!closed) return "none";
  await deps.sender.send(recoveryEmail(source, closed, run, deps.settings));
  return "recovered";
}
