import { element, formatInstant } from "./element.js";

/**
 * Table rows for changes: what changed (before → after), and the evidence an auditor asks for:
 * the official URL, when it was fetched, the sha256 of the archived file and a download.
 *
 * @param {any[]} changes
 * @param {{ openCode(system: string, code: string): void, downloadEvidence(path: string): void }} actions
 */
export function changeRows(changes, actions) {
  return changes.map((change) =>
    element(
      "tr",
      {},
      element("td", {}, element("time", { datetime: change.detectedAt }, formatInstant(change.detectedAt))),
      element("td", {}, change.effectiveDate),
      element(
        "td",
        {},
        change.sourceId,
        change.history ? element("span", { class: "tag" }, "history") : undefined,
      ),
      element(
        "td",
        {},
        element(
          "button",
          {
            type: "button",
            class: "link code",
            "aria-label": `History of ${change.system} ${change.code}`,
            onclick: () => actions.openCode(change.system, change.code),
          },
          change.code,
        ),
        change.pairedCode ? element("span", { class: "paired" }, ` with ${change.pairedCode}`) : undefined,
      ),
      element(
        "td",
        {},
        element("span", { class: `badge ${change.changeType}` }, change.changeType),
        // Header lines and terminated records are not counted as codes: say which they are.
        change.category && change.category !== "code"
          ? element("span", { class: "tag" }, change.category)
          : undefined,
        change.reason ? element("div", { class: "reason" }, change.reason) : undefined,
      ),
      element("td", { class: "title" }, change.title, documentFacts(change)),
      element("td", { class: "diff" }, beforeAfter(change)),
      element("td", { class: "evidence" }, evidence(change, actions)),
    ),
  );
}

/**
 * What a document says of itself, under its title: `Final rule · effective 2026-10-01 · comments
 * until …`, and a link to its official page.
 * @param {any} change
 */
function documentFacts(change) {
  const document = change.document;
  if (!document) return undefined;
  return element(
    "div",
    { class: "document" },
    element("span", { class: "document-summary" }, document.summary),
    document.officialUrl
      ? element(
          "a",
          { class: "official", href: document.officialUrl, rel: "noreferrer noopener", target: "_blank" },
          "official page",
        )
      : undefined,
  );
}

/** @param {any} change */
function beforeAfter(change) {
  if (change.fields?.length > 0) {
    return element(
      "dl",
      {},
      ...change.fields.flatMap((/** @type {any} */ field) => [
        element("dt", {}, field.field),
        element(
          "dd",
          {},
          element("del", {}, field.before || "∅"),
          " → ",
          element("ins", {}, field.after || "∅"),
        ),
      ]),
    );
  }
  if (change.changeType === "added") return element("ins", {}, "new");
  if (change.changeType === "deleted") return element("del", {}, "removed");
  return "";
}

/**
 * The archived file(s) a change was read from: each shown with the sha256 its download hashes to.
 * @param {any} change @param {{ downloadEvidence(path: string): void }} actions
 */
function evidence(change, actions) {
  return element(
    "div",
    {},
    ...[change.evidence, ...(change.moreEvidence ?? [])].map((file) => evidenceFile(file, actions)),
  );
}

/** @param {any} file @param {{ downloadEvidence(path: string): void }} actions */
function evidenceFile(file, actions) {
  const { url, fetchedAt, sha256, downloadPath } = file;
  return element(
    "div",
    { class: "evidence-file" },
    element("a", { href: url, rel: "noreferrer noopener", target: "_blank" }, new URL(url).hostname),
    element("div", { class: "fetched" }, `fetched ${formatInstant(fetchedAt)}`),
    element("div", { class: "sha", title: sha256 }, `sha256 ${sha256.slice(0, 12)}…`),
    element(
      "button",
      {
        type: "button",
        class: "link",
        "aria-label": `Download the archived file ${sha256}`,
        onclick: () => actions.downloadEvidence(downloadPath),
      },
      "Download archived file",
    ),
  );
}
