import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, inject } from "vitest";
import { type AwsClients, createAwsClients } from "#shared/aws/clients.js";
import { type Environment, readEnvironment } from "#shared/config/environment.js";
import { type LocalStack, startLocalStack } from "../../../infra/local/local-stack.js";

/** Recorded real files the local stack's mirror serves. */
export const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));

export interface LocalStackHandle {
  readonly stack: LocalStack;
  /** The configuration codecurrent reads when pointed at this stack. */
  readonly env: Environment;
  readonly clients: AwsClients;
}

/**
 * An in-memory local stack for the test file that calls this at its top level: started before
 * its tests, stopped after them. Read the handle's fields inside tests and hooks, not at import.
 * In a project that shares one DynamoDB Local (support/shared-dynamodb.ts), the file's tables are
 * its own there; S3, SES and the mirror are always the file's own.
 */
export function useLocalStack(): LocalStackHandle {
  let current: LocalStackHandle | undefined;
  beforeAll(async () => {
    const endpoint = inject("sharedDynamoDbEndpoint");
    const stack = await startLocalStack({
      fixturesDir: FIXTURES_DIR,
      ...(endpoint === undefined
        ? {}
        : { sharedDynamoDb: { endpoint, tablePrefix: `test-${randomUUID().slice(0, 8)}` } }),
    });
    const env = readEnvironment(stack.environment);
    current = { stack, env, clients: createAwsClients(env) };
  });
  afterAll(async () => {
    current?.clients.destroy();
    await current?.stack.stop();
    current = undefined;
  });
  const started = (): LocalStackHandle => {
    if (current === undefined)
      throw new Error("useLocalStack(): the stack is only there inside tests and hooks");
    return current;
  };
  return {
    get stack() {
      return started().stack;
    },
    get env() {
      return started().env;
    },
    get clients() {
      return started().clients;
    },
  };
}
