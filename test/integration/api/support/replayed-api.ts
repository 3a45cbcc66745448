import { rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { replaySources } from "#shared/cli/replay-command.js";
import type { RunRecord } from "#shared/runs/run-record.js";
import { type ApiServer, startApiServer } from "../../../../infra/local/api-server.js";
import { FIXTURES_DIR, type LocalStackHandle, useLocalStack } from "../../support/local-stack.js";
import { scratchDir } from "../../support/scratch-dir.js";

export const TEST_TOKEN = "integration-test-token-0123456789";

export interface ReplayedApi {
  readonly local: LocalStackHandle;
  readonly server: ApiServer;
  readonly runs: readonly RunRecord[];
}

/**
 * A local stack filled the way `npm start` fills it — the recorded releases of `sources` through
 * the real collector — with the API and web page served on top. Read the handle inside tests.
 */
export function useReplayedApi(sources: readonly string[]): ReplayedApi {
  const local = useLocalStack();
  let server: ApiServer | undefined;
  let runs: RunRecord[] = [];
  const dataDir = scratchDir("codecurrent-api-");
  beforeAll(async () => {
    runs = await replaySources(
      {
        env: local.env,
        clients: local.clients,
        local: {
          fixturesDir: FIXTURES_DIR,
          dataDir,
          inbox: local.stack.urls.inbox,
          mirror: local.stack.urls.mirror,
        },
        close: async () => {},
      },
      sources,
      () => {},
    );
    server = await startApiServer({ env: local.env, clients: local.clients, token: TEST_TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    local,
    get server() {
      if (!server) throw new Error("useReplayedApi(): the server is only there inside tests and hooks");
      return server;
    },
    get runs() {
      return runs;
    },
  };
}
