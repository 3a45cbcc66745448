import { EMULATOR_CREDENTIALS } from "#shared/aws/clients.js";
import type { TableDefinition } from "#shared/aws/tables.js";
import { ENVIRONMENT_VARIABLES, environmentVariables, type Setting } from "#shared/config/environment.js";

/** Where each local stand-in service answers. */
export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly s3: string;
  readonly ses: string;
  readonly mirror: string;
}

export const LOCAL_REGION = "us-east-1";
export const LOCAL_ARCHIVE_BUCKET = "codecurrent-archive";

/** Physical name of a table in a local stack (the same default `readEnvironment` falls back to). */
export function localTableName(table: TableDefinition): string {
  return `codecurrent-${table.name}`;
}

/** The variable `readEnvironment` reads a table's physical name from: `changes` → setting `changesTable` → `CODECURRENT_CHANGES_TABLE`. */
export function tableNameVariable(table: TableDefinition): string {
  const setting = `${table.name}Table`;
  if (!(setting in ENVIRONMENT_VARIABLES)) {
    throw new Error(`shared/config/environment.ts has no setting ${setting} for the ${table.name} table`);
  }
  return ENVIRONMENT_VARIABLES[setting as Setting];
}

/**
 * The variables that point codecurrent at a local stack: pass them to a child process, or to
 * `readEnvironment`, and every client and fetch goes to loopback instead of AWS and the internet.
 */
export function localEnvironment(
  endpoints: LocalEndpoints,
  tables: readonly TableDefinition[],
  tableName: (table: TableDefinition) => string = localTableName,
): NodeJS.ProcessEnv {
  return {
    AWS_REGION: LOCAL_REGION,
    // For tools other than codecurrent's own clients (the AWS CLI, NoSQL Workbench), which need some credentials.
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    ...Object.fromEntries(tables.map((table) => [tableNameVariable(table), tableName(table)])),
    ...environmentVariables({
      archiveBucket: LOCAL_ARCHIVE_BUCKET,
      dynamodbEndpoint: endpoints.dynamodb,
      s3Endpoint: endpoints.s3,
      sesEndpoint: endpoints.ses,
      sourceMirror: endpoints.mirror,
    }),
  };
}
