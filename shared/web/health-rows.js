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
        element("span", { class: `status ${source.status}` }, source.status),
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
