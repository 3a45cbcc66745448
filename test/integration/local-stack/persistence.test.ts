import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { SendEmailCommand } from "@aws-sdk/client-ses";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsClients, createAwsClients } from "#shared/aws/clients.js";
import { type Environment, readEnvironment } from "#shared/config/environment.js";
import { readLocalInbox } from "../../../infra/local/local-inbox.js";
import { startLocalStack } from "../../../infra/local/local-stack.js";
import { FIXTURES_DIR } from "../support/local-stack.js";
import { scratchDir } from "../support/scratch-dir.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = scratchDir("codecurrent-persistence-");
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Starts a stack on `dataDir`, runs `use` against it and stops it again, as two `npm start`s in a row would. */
async function withStack<T>(
  use: (env: Environment, clients: AwsClients, inbox: string) => Promise<T>,
): Promise<T> {
  const stack = await startLocalStack({ dataDir, fixturesDir: FIXTURES_DIR });
  const env = readEnvironment(stack.environment);
  const clients = createAwsClients(env);
  try {
    return await use(env, clients, stack.urls.inbox);
  } finally {
    clients.destroy();
    await stack.stop();
  }
}

describe("local stack with a data directory", () => {
  it("finds the item, the object and the mail written before a restart; the mail is kept as files meanwhile", async () => {
    await withStack(async (env, clients) => {
      await clients.ses.send(
        new SendEmailCommand({
          Source: "digest@codecurrent.local",
          Destination: { ToAddresses: ["dana@example.org"] },
          Message: {
            Subject: { Data: "Confirm your codecurrent subscription" },
            Body: { Text: { Data: "Confirm: http://127.0.0.1:8787/subscriptions/confirm?token=t" } },
          },
        }),
      );
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

    // Between the runs, with nothing running: the mail as files.
    const kept = await readdir(path.join(dataDir, "inbox"));
    expect(kept).toEqual(["0001-confirm-your-codecurrent-subscription.txt"]);
    expect(await readFile(path.join(dataDir, "inbox", kept[0]!), "utf8")).toContain(
      "/subscriptions/confirm?token=t",
    );

    const found = await withStack(async (env, clients, inbox) => {
      const { Item } = await clients.dynamo.send(
        new GetCommand({ TableName: env.sourcesTable, Key: { sourceId: "icd10cm", item: "STATE" } }),
      );
      const object = await clients.s3.send(
        new GetObjectCommand({ Bucket: env.archiveBucket, Key: "raw/kept" }),
      );
      const text = await object.Body!.transformToString();
      const mail = (await readLocalInbox(inbox)).map((email) => [email.destination.to, email.subject]);
      return { Item, text, mail };
    });

    expect(found).toEqual({
      Item: { sourceId: "icd10cm", item: "STATE", version: "FY2019" },
      text: "icd10cm_order_2019.txt",
      mail: [[["dana@example.org"], "Confirm your codecurrent subscription"]],
    });
  });
});
