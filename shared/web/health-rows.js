import { element, formatInstant } from "./element.js";

/** @param {any[]} sources */
export function healthRows(sources) {
  return sources.map((source) =>
    element(
      "tr",
      {},
      element(
        "th",
        { scope: "row" },
        element("div", {}, source.sourceId),
        element("div", { class: "muted" }, source.title),
      ),
      element(
        "td",
        {},
        element("span", { class: `status ${statusClass(source.status)}` }, source.status),
        source.failingSince
          ? element(
              "div",
              { class: "muted" },
              `${source.consecutiveFailures} failed runs since ${formatInstant(source.failingSince)}`,
            )
          : undefined,
        source.statusReason ? element("div", { class: "reason" }, source.statusReason) : undefined,
        source.lastError ? element("div", { class: "reason" }, source.lastError) : undefined,
      ),
      element(
        "td",
        {},
        formatInstant(source.lastRunAt),
        source.lastRunStatus ? element("div", { class: "muted" }, source.lastRunStatus) : undefined,
      ),
      element("td", {}, formatInstant(source.lastSuccessAt)),
      element(
        "td",
        {},
        source.currentVersion ?? "—",
        source.currentEffectiveDate
          ? element("div", { class: "muted" }, `effective ${source.currentEffectiveDate}`)
          : undefined,
      ),
      element("td", { class: "number" }, source.currentRecords?.toLocaleString("en-US") ?? "—"),
      element("td", { class: "number" }, source.changesRecorded.toLocaleString("en-US")),
      element(
        "td",
        {},
        formatInstant(source.nextExpectedRunAt),
        element("div", { class: "muted" }, source.schedule),
      ),
    ),
  );
}

/**
 * Collecting (a release, or nothing new) reads as ok; a source not run yet as neither; every other
 * state (a failure of some kind, stale, a release missing) needs someone to look.
 * @param {string} status
 */
function statusClass(status) {
  if (status === "ok" || status === "no-new-release") return "ok";
  if (status === "never-run") return "";
  return "failing";
}
