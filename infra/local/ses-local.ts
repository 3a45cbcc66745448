import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Config } from "aws-ses-v2-local";

// The package is CommonJS with an `exports.default`; Node's ESM loader and vitest's disagree on
// what a default import of it is, while require() gives the same module object under both.
const { default: startSesServer } = createRequire(import.meta.url)("aws-ses-v2-local") as {
  default: (config?: Partial<Config>) => Promise<Server>;
};

export interface SesLocalOptions {
  readonly log?: (line: string) => void;
}

export interface SesLocal {
  /** SES API endpoint (v1 SendEmail / SendRawEmail and the v2 API), e.g. `http://127.0.0.1:41236`. */
  readonly endpoint: string;
  /** Web inbox showing what was sent; `GET <inbox>/store` returns it as JSON. */
  readonly inboxUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts aws-ses-v2-local. Its mail store lives in the module, not the server: it is emptied on
 * start so a new stack begins with an empty inbox, and mail is never kept across restarts.
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
  try {
    const cleared = await fetch(`${endpoint}/clear-store`, { method: "POST" });
    if (!cleared.ok) throw new Error(`SES emulator did not clear its store: HTTP ${cleared.status}`);
  } catch (error) {
    await stop();
    throw error;
  }
  options.log?.(`ses: aws-ses-v2-local on ${endpoint} (inbox ${endpoint}/)`);
  return { endpoint, inboxUrl: `${endpoint}/`, stop };
}
