import type { FailureKind } from "../core/failure-kind.js";
import type { OutgoingEmail } from "../email/outgoing-email.js";
import type { SourceState } from "../releases/release-record.js";
import type { RunRecord } from "../runs/run-record.js";

/** What each kind of failure asks of an operator, in one sentence. */
const WHAT_TO_DO: Readonly<Record<FailureKind, string>> = {
  blocked:
    "The publisher's firewall refused the collector (403, bot wall or challenge page). Route collection through a fixed address (collectEgress=fixed-ip, infra/README.md) and ask the publisher to allow it.",
  unreachable:
    "The publisher could not be reached (DNS, connection, timeout, server errors after retries, or a redirect off its hosts). Check the publisher's site; if it answers a browser, look at the run's reason.",
  "parse-failed":
    "The publisher's file or page is not in the layout the collector reads: it may have changed its format. Nothing was written; the previous release stays current.",
  refused:
    "The sanity gate refused a release that changes far more than any real release does (a garbled or truncated file). Nothing was written; look at the release before raising the source's limits (sanityLimits).",
  "did-not-finish":
    "The collect function stopped before completing (timeout or out of memory). The next run retries; if it keeps happening, the release outgrew the function's memory or time.",
  failed: "The run failed for a reason given below.",
};

/** The one email that says a source keeps failing: which, since when, and why. */
export function alertEmail(
  source: { readonly id: string; readonly title: string },
  state: SourceState,
  run: RunRecord,
  settings: { readonly to: string; readonly from: string },
): OutgoingEmail {
  const kind = run.failure ?? state.lastFailure ?? "failed";
  const since = state.alertFailingSince ?? state.failingSince ?? run.startedAt;
  const failures = state.consecutiveFailures ?? 0;
  const lines = [
    `${source.title} (${source.id}) has failed ${failures} runs in a row, since ${since}.`,
    "",
    `What: ${kind}`,
    `Why (last run, ${run.startedAt}): ${run.reason ?? state.lastError ?? "no reason recorded"}`,
    "",
    WHAT_TO_DO[kind],
    "",
    "You get one more email when the source recovers. The run log has every run: GET /runs?source=" +
      source.id,
  ];
  return email(settings, `codecurrent alert: ${source.id} ${kind} since ${since.slice(0, 10)}`, lines);
}

/** The one email that says a failing source is collecting again. */
export function recoveryEmail(
  source: { readonly id: string; readonly title: string },
  state: SourceState,
  run: RunRecord,
  settings: { readonly to: string; readonly from: string },
): OutgoingEmail {
  const since = state.alertFailingSince ?? state.alertOpenedAt ?? "";
  const lines = [
    `${source.title} (${source.id}) is collecting again: the run of ${run.startedAt} ended ${run.status}${
      run.version ? ` (${run.version})` : ""
    }.`,
    "",
    `It had been failing since ${since}; operators were alerted at ${state.alertOpenedAt ?? "?"}.`,
  ];
  return email(settings, `codecurrent recovered: ${source.id}`, lines);
}

function email(settings: { readonly to: string; readonly from: string }, subject: string, lines: string[]) {
  const text = `${lines.join("\n")}\n`;
  return {
    from: settings.from,
    to: settings.to,
    subject,
    text,
    html: `<pre style="font-family:ui-monospace,Menlo,monospace;white-space:pre-wrap">${escapeHtml(text)}</pre>`,
    tags: { kind: "operator-alert" },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
