import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import type { TableDefinition } from "#shared/aws/tables.js";

export interface TableToProvision {
  readonly definition: TableDefinition;
  /** Physical name (the logical name lives in the definition). */
  readonly tableName: string;
}

/**
 * Creates the tables that do not exist yet, as the CDK app declares them: on-demand billing,
 * every index projecting all attributes, TTL where set. Existing tables are left as they are,
 * data included, so a persistent local stack can start again and again.
 */
export async function provisionTables(
  client: DynamoDBClient,
  tables: readonly TableToProvision[],
): Promise<void> {
  await Promise.all(tables.map((table) => provisionTable(client, table)));
}

async function provisionTable(
  client: DynamoDBClient,
  { definition, tableName }: TableToProvision,
): Promise<void> {
  if (!(await tableExists(client, tableName))) {
    try {
      await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
    } catch (error) {
      // Another starter sharing the same database got there first: the table is what we wanted.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
  } else {
    await addMissingIndexes(client, definition, tableName);
  }
  if (definition.timeToLive !== undefined) await enableTimeToLive(client, tableName, definition.timeToLive);
}

export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const keyAttributes = new Set<string>();
  const keySchema = (partitionKey: string, sortKey: string | undefined) => {
    keyAttributes.add(partitionKey);
    if (sortKey !== undefined) keyAttributes.add(sortKey);
    return [
      { AttributeName: partitionKey, KeyType: "HASH" as const },
      ...(sortKey === undefined ? [] : [{ AttributeName: sortKey, KeyType: "RANGE" as const }]),
    ];
  };
  const tableKeys = keySchema(definition.partitionKey, definition.sortKey);
  const indexes = definition.indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: "ALL" as const },
  }));
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    KeySchema: tableKeys,
    // tables.ts declares every key attribute a string.
    AttributeDefinitions: [...keyAttributes].map((name) => ({
      AttributeName: name,
      AttributeType: "S" as const,
    })),
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}

/**
 * An index added to tables.ts after a persistent local stack created its tables is added to
 * them (and filled from the existing items), as CloudFormation adds it to the deployed table.
 */
async function addMissingIndexes(
  client: DynamoDBClient,
  definition: TableDefinition,
  tableName: string,
): Promise<void> {
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const wanted = createTableInput(definition, tableName);
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    // DynamoDB takes one index creation per UpdateTable call.
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function enableTimeToLive(client: DynamoDBClient, tableName: string, attribute: string): Promise<void> {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const description = current.TimeToLiveDescription;
  if (description?.TimeToLiveStatus === "ENABLED" && description.AttributeName === attribute) return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
    }),
  );
}
