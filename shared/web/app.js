import { createApiClient } from "./api-client.js";
import { changeRows } from "./change-rows.js";
import { healthRows } from "./health-rows.js";
import { createSession } from "./session.js";
import { renderVolumeChart } from "./volume-chart.js";

const PAGE_SIZE = 100;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

async function main() {
  // The page learns where its API is and how reviewers sign in from the server that serves it.
  const config = await (await fetch("config.json", { cache: "no-store" })).json();
  const session = createSession(config.auth);
  try {
    await session.begin();
  } catch (error) {
    byId("sign-in-error").textContent = String(error instanceof Error ? error.message : error);
  }
  const api = createApiClient(config.apiBase, session, () => showSignIn(session));
  if (!session.token()) {
    showSignIn(session);
    return;
  }
  byId("main").hidden = false;
  byId("sign-out").hidden = false;
  byId("session-state").textContent =
    config.auth.mode === "local" ? "Signed in (local credential)" : "Signed in";
  byId("sign-out").addEventListener("click", () => session.signOut());
  const changeLog = wireChangeLog(api);
  await Promise.all([loadSources(api), loadVolume(api), changeLog.search()]);
}

/** @param {ReturnType<typeof createSession>} session */
function showSignIn(session) {
  byId("main").hidden = true;
  byId("sign-in").hidden = false;
  byId("sign-out").hidden = true;
  byId("session-state").textContent = "Signed out";
  if (session.auth.mode === "cognito") {
    byId("cognito-sign-in").hidden = false;
    byId("cognito-button").onclick = () => session.startCognitoSignIn();
    return;
  }
  const form = /** @type {HTMLFormElement} */ (byId("token-form"));
  form.hidden = false;
  form.onsubmit = (event) => {
    event.preventDefault();
    session.useToken(String(new FormData(form).get("token") ?? "").trim());
    location.reload();
  };
  byId("token-input").focus();
}

/** @param {ReturnType<typeof createApiClient>} api */
function wireChangeLog(api) {
  const form = /** @type {HTMLFormElement} */ (byId("filters"));
  const tbody = /** @type {HTMLElement} */ (byId("changes-table").querySelector("tbody"));
  const status = byId("changes-status");
  const errorBox = byId("changes-error");
  const more = byId("load-more");
  /** @type {string | undefined} */
  let cursor;
  let shown = 0;

  const filters = () => {
    const data = new FormData(form);
    /** @type {Record<string, string | string[]>} */
    const params = {};
    for (const [name, value] of data.entries()) {
      const text = String(value).trim();
      if (!text) continue;
      if (name === "changeType") params.changeType = [...(params.changeType ?? []), text];
      else params[name] = text;
    }
    return params;
  };
  const actions = {
    openCode: (/** @type {string} */ system, /** @type {string} */ code) =>
      openHistory(api, system, code, actions),
    downloadEvidence: (/** @type {string} */ path) => downloadEvidence(api, path, errorBox),
  };
  const run = async (/** @type {boolean} */ append) => {
    errorBox.textContent = "";
    status.textContent = "Loading…";
    try {
      const page = await api.json("/changes", {
        ...filters(),
        limit: String(PAGE_SIZE),
        cursor: append ? cursor : undefined,
      });
      if (!append) {
        tbody.replaceChildren();
        shown = 0;
      }
      tbody.append(...changeRows(page.changes, actions));
      shown += page.changes.length;
      cursor = page.cursor;
      more.hidden = !cursor;
      status.textContent =
        shown === 0
          ? "No changes match these filters."
          : `${shown} change${shown === 1 ? "" : "s"} shown${cursor ? "; more available" : ""}.`;
    } catch (error) {
      status.textContent = "";
      errorBox.textContent = error instanceof Error ? error.message : String(error);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(false);
  });
  form.addEventListener("reset", () => setTimeout(() => run(false), 0));
  more.addEventListener("click", () => run(true));
  for (const format of ["csv", "json"]) {
    byId(`export-${format}`).addEventListener("click", async () => {
      errorBox.textContent = "";
      status.textContent = `Preparing the ${format.toUpperCase()} export…`;
      try {
        const name = await api.download("/changes/export", { ...filters(), format });
        status.textContent = `Downloaded ${name}.`;
      } catch (error) {
        status.textContent = "";
        errorBox.textContent = error instanceof Error ? error.message : String(error);
      }
    });
  }
  byId("history-close").addEventListener("click", () => {
    byId("history").hidden = true;
    byId("changes").hidden = false;
    byId("changes-heading").focus();
  });
  return { search: () => run(false) };
}

/**
 * @param {ReturnType<typeof createApiClient>} api
 * @param {string} system
 * @param {string} code
 * @param {Parameters<typeof changeRows>[1]} actions
 */
async function openHistory(api, system, code, actions) {
  const section = byId("history");
  const errorBox = byId("changes-error");
  try {
    const history = await api.json(`/codes/${encodeURIComponent(system)}/${encodeURIComponent(code)}`);
    byId("history-heading").textContent = `${history.systemLabel} ${history.code}: history`;
    byId("history-title").textContent = history.title ?? "";
    byId("history-table")
      .querySelector("tbody")
      ?.replaceChildren(...changeRows(history.history, actions));
    byId("related-table")
      .querySelector("tbody")
      ?.replaceChildren(...changeRows(history.related, actions));
    byId("changes").hidden = true;
    section.hidden = false;
    section.focus();
  } catch (error) {
    errorBox.textContent = error instanceof Error ? error.message : String(error);
  }
}

/** @param {ReturnType<typeof createApiClient>} api @param {string} path @param {HTMLElement} errorBox */
async function downloadEvidence(api, path, errorBox) {
  try {
    const link = await api.json(path, { as: "link" });
    location.assign(link.url);
  } catch (error) {
    errorBox.textContent = error instanceof Error ? error.message : String(error);
  }
}

/** @param {ReturnType<typeof createApiClient>} api */
async function loadSources(api) {
  const { sources } = await api.json("/sources");
  byId("health-table")
    .querySelector("tbody")
    ?.replaceChildren(...healthRows(sources));
  const sourceSelect = byId("f-source");
  const systemSelect = byId("f-system");
  const systems = new Map();
  for (const source of sources) {
    sourceSelect.append(new Option(`${source.sourceId} — ${source.title}`, source.sourceId));
    systems.set(source.system, source.systemLabel);
  }
  for (const [system, label] of systems) systemSelect.append(new Option(label, system));
}

/** @param {ReturnType<typeof createApiClient>} api */
async function loadVolume(api) {
  const { series } = await api.json("/volume");
  renderVolumeChart(byId("volume-chart"), series);
}

main().catch((error) => {
  byId("sign-in").hidden = false;
  byId("sign-in-error").textContent =
    `The page could not start: ${error instanceof Error ? error.message : error}`;
});
