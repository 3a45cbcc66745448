import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Config } from "aws-ses-v2-local";
import type { Email } from "aws-ses-v2-local/dist/store.js";

// The package is CommonJS with an `exports.default`; Node's ESM loader and vitest's disagree on
// what a default import of it is, while require() gives the same module object under both.
const require = createRequire(import.meta.url);
const { default: startSesServer } = require("aws-ses-v2-local") as {
  default: (config?: Partial<Config>) => Promise<Server>;
};
// Its mail store is module state (not the server's): the same module instance the server writes to.
const store = require("aws-ses-v2-local/dist/store.js") as {
  clearStore(): void;
  getStoreReadonly(): { emails: Email[] };
};

export interface SesLocalOptions {
  /**
   * Where the mail sent survives a restart: `inbox.json` (what the web inbox shows again on the
   * next start) and `inbox/` (one `.html` and one `.txt` file per email, readable with the stack
   * stopped). Omitted: in memory, emptied on start.
   */
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

export interface SesLocal {
  /** SES API endpoint (v1 SendEmail / SendRawEmail and the v2 API), e.g. `http://127.0.0.1:41236`. */
  readonly endpoint: string;
  /** Web inbox showing what was sent; `GET <inbox>/store` returns it as JSON. */
  readonly inboxUrl: string;
  /** The folder every email is also written to, when kept (see `dataDir`). */
  readonly inboxDir?: string;
  stop(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local. Its store lives in memory, so with a data directory the mail it holds is
 * saved after every request that added some and loaded back on the next start: the inbox of the
 * previous `npm start` (or of a `codecurrent subscribers add` that started its own stack) is still
 * there, and readable as files meanwhile.
 */
export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  const server = await startSesServer({ host: "127.0.0.1", port: 0 });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const closed = new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
    server.closeAllConnections();
    await closed;
  };
  store.clearStore();
  const kept = options.dataDir ? keptInbox(options.dataDir) : undefined;
  if (kept) {
    store.getStoreReadonly().emails.push(...kept.load());
    server.on("request", (_request, response) => {
      const before = store.getStoreReadonly().emails.length;
      response.on("finish", () => {
        if (store.getStoreReadonly().emails.length !== before) kept.save(store.getStoreReadonly().emails);
      });
    });
  }
  options.log?.(`ses: aws-ses-v2-local on ${endpoint} (inbox ${endpoint}/)`);
  return { endpoint, inboxUrl: `${endpoint}/`, ...(kept ? { inboxDir: kept.dir } : {}), stop };
}

function keptInbox(dataDir: string) {
  const file = path.join(dataDir, "inbox.json");
  const dir = path.join(dataDir, "inbox");
  return {
    dir,
    load(): Email[] {
      try {
        return (JSON.parse(readFileSync(file, "utf8")) as { emails: Email[] }).emails;
      } catch {
        return [];
      }
    },
    save(emails: readonly Email[]): void {
      mkdirSync(dir, { recursive: true });
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, JSON.stringify({ emails }));
      renameSync(temporary, file);
      emails.forEach((email, index) => {
        const name = `${String(index + 1).padStart(4, "0")}-${slug(email.subject)}`;
        if (email.body.html) writeFileSync(path.join(dir, `${name}.html`), email.body.html);
        writeFileSync(path.join(dir, `${name}.txt`), textOf(email));
      });
    },
  };
}

function textOf(email: Email): string {
  const at = new Date(email.at * 1000).toISOString();
  return `From: ${email.from}\nTo: ${email.destination.to.join(", ")}\nDate: ${at}\nSubject: ${email.subject}\n\n${email.body.text ?? ""}`;
}

function slug(subject: string): string {
  return (
    subject
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "email"
  );
}
