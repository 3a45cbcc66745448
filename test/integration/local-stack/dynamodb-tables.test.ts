import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ALL_TABLES, CHANGES_TABLE, type IndexDefinition } from "#shared/aws/tables.js";
import { readEnvironment } from "#shared/config/environment.js";
import {
  localEnvironment,
  localTableName,
  tableNameVariable,
} from "../../../infra/local/local-environment.js";
import { provisionTables } from "../../../infra/local/provision-tables.js";
import { useLocalStack } from "../support/local-stack.js";

const local = useLocalStack();

function keySchemaOf(partitionKey: string, sortKey: string | undefined) {
  return [
    { AttributeName: partitionKey, KeyType: "HASH" },
    ...(sortKey === undefined ? [] : [{ AttributeName: sortKey, KeyType: "RANGE" }]),
  ];
}

describe("DynamoDB Local provisioned from tables.ts", () => {
  it.each(ALL_TABLES.map((table) => [table.name, table] as const))(
    "table %s exists with the keys, indexes and TTL tables.ts declares",
    async (_name, definition) => {
      // The stack's own name for the table (test stacks share one DynamoDB Local, each with its own tables).
      const tableName = local.stack.environment[tableNameVariable(definition)];
      expect(tableName).toMatch(new RegExp(`-${definition.name}$`));

      const { Table } = await local.clients.dynamoRaw.send(
        new DescribeTableCommand({ TableName: tableName }),
      );
      expect(Table?.TableStatus).toBe("ACTIVE");
      expect(Table?.KeySchema).toEqual(keySchemaOf(definition.partitionKey, definition.sortKey));
      expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
      const indexes = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        name: index.IndexName,
        keys: index.KeySchema,
        projection: index.Projection?.ProjectionType,
      }));
      expect(indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(
        [...definition.indexes]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((index: IndexDefinition) => ({
            name: index.name,
            keys: keySchemaOf(index.partitionKey, index.sortKey),
            projection: "ALL",
          })),
      );
      for (const attribute of Table?.AttributeDefinitions ?? []) expect(attribute.AttributeType).toBe("S");

      const { TimeToLiveDescription } = await local.clients.dynamoRaw.send(
        new DescribeTimeToLiveCommand({ TableName: tableName }),
      );
      if (definition.timeToLive === undefined) {
        expect(TimeToLiveDescription?.TimeToLiveStatus).not.toBe("ENABLED");
      } else {
        expect(TimeToLiveDescription).toMatchObject({
          TimeToLiveStatus: "ENABLED",
          AttributeName: definition.timeToLive,
        });
      }
    },
  );

  it("readEnvironment on the stack's variables names the provisioned tables", () => {
    expect([local.env.changesTable, local.env.sourcesTable, local.env.runsTable]).toEqual(
      ["changes", "sources", "runs"].map(
        (name) => local.stack.environment[tableNameVariable({ name } as never)],
      ),
    );
    expect(local.env.changesTable).toMatch(/-changes$/);
    expect(local.env.dynamodbEndpoint).toBe(local.stack.urls.dynamodb);
  });

  it("names npm start's tables codecurrent-<table>, the names readEnvironment falls back to", () => {
    const environment = localEnvironment(
      {
        dynamodb: "http://127.0.0.1:1",
        s3: "http://127.0.0.1:2",
        ses: "http://127.0.0.1:3",
        mirror: "http://127.0.0.1:4",
      },
      ALL_TABLES,
    );
    const env = readEnvironment(environment);
    expect([env.changesTable, env.subscribersTable]).toEqual([
      "codecurrent-changes",
      "codecurrent-subscribers",
    ]);
    expect(ALL_TABLES.map((table) => environment[tableNameVariable(table)])).toEqual(
      ALL_TABLES.map(localTableName),
    );
    expect(readEnvironment({}).changesTable).toBe("codecurrent-changes");
  });

  it("a conditional put with attribute_not_exists rejects the duplicate and keeps the first item", async () => {
    const put = (title: string) =>
      local.clients.dynamo.send(
        new PutCommand({
          TableName: local.env.changesTable,
          Item: { id: "icd10cm#FY2019#added#A000", sourceId: "icd10cm", title, revisedAt: undefined },
          ConditionExpression: "attribute_not_exists(id)",
        }),
      );
    await put("Cholera due to Vibrio cholerae 01, biovar cholerae");
    await expect(put("something else")).rejects.toBeInstanceOf(ConditionalCheckFailedException);

    const { Item } = await local.clients.dynamo.send(
      new GetCommand({ TableName: local.env.changesTable, Key: { id: "icd10cm#FY2019#added#A000" } }),
    );
    expect(Item).toEqual({
      id: "icd10cm#FY2019#added#A000",
      sourceId: "icd10cm",
      title: "Cholera due to Vibrio cholerae 01, biovar cholerae",
    });
  });

  it("provisioning again leaves existing tables and their items alone", async () => {
    const key = { id: "provision-again" };
    await local.clients.dynamo.send(
      new PutCommand({ TableName: local.env.changesTable, Item: { ...key, kept: true } }),
    );

    await provisionTables(local.clients.dynamoRaw, [
      { definition: CHANGES_TABLE, tableName: local.env.changesTable },
    ]);

    const { Item } = await local.clients.dynamo.send(
      new GetCommand({ TableName: local.env.changesTable, Key: key }),
    );
    expect(Item).toEqual({ ...key, kept: true });
  });
});
