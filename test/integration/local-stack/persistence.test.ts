import { rm } from "node:fs/promises";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsClients, createAwsClients } from "#shared/aws/clients.js";
import { type Environment, readEnvironment } from "#shared/config/environment.js";
import { startLocalStack } from "../../../infra/local/local-stack.js";
import { FIXTURES_DIR } from "../support/local-stack.js";
import { scratchDir } from "../support/scratch-dir.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = scratchDir("codecurrent-persistence-");
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Starts a stack on `dataDir`, runs `use` against it and stops it again, as two `npm start`s in a row would. */
async function withStack<T>(use: (env: Environment, clients: AwsClients) => Promise<T>): Promise<T> {
  const stack = await startLocalStack({ dataDir, fixturesDir: FIXTURES_DIR });
  const env = readEnvironment(stack.environment);
  const clients = createAwsClients(env);
  try {
    return await use(env, clients);
  } finally {
    clients.destroy();
    await stack.stop();
  }
}

describe("local stack with a data directory", () => {
  it("finds the item and the object written before a restart", async () => {
    await withStack(async (env, clients) => {
      await clients.dynamo.send(
        new PutCommand({
          TableName: env.sourcesTable,
          Item: { sourceId: "icd10cm", item: "STATE", version: "FY2019" },
        }),
      );
      await clients.s3.send(
        new PutObjectCommand({ Bucket: env.archiveBucket, Key: "raw/kept", Body: "icd10cm_order_2019.txt" }),
      );
    });

    const found = await withStack(async (env, clients) => {
      const { Item } = await clients.dynamo.send(
        new GetCommand({ TableName: env.sourcesTable, Key: { sourceId: "icd10cm", item: "STATE" } }),
      );
      const object = await clients.s3.send(
        new GetObjectCommand({ Bucket: env.archiveBucket, Key: "raw/kept" }),
      );
      const text = await object.Body!.transformToString();
      return { Item, text };
    });

    expect(found).toEqual({
      Item: { sourceId: "icd10cm", item: "STATE", version: "FY2019" },
      text: "icd10cm_order_2019.txt",
    });
  });
});
