import { EMULATOR_CREDENTIALS } from "#shared/aws/clients.js";
import type { TableDefinition } from "#shared/aws/tables.js";

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

/** The variable `readEnvironment` reads a table's physical name from: `changes` → `CODECURRENT_CHANGES_TABLE`. */
export function tableNameVariable(table: TableDefinition): string {
  return `CODECURRENT_${table.name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}_TABLE`;
}

/**
 * The variables that point codecurrent at a local stack: pass them to a child process, or to
 * `readEnvironment`, and every client and fetch goes to loopback instead of AWS and the internet.
 */
export function localEnvironment(
  endpoints: LocalEndpoints,
  tables: readonly TableDefinition[],
): NodeJS.ProcessEnv {
  return {
    AWS_REGION: LOCAL_REGION,
    // For tools other than codecurrent's own clients (the AWS CLI, NoSQL Workbench), which need some credentials.
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    ...Object.fromEntries(tables.map((table) => [tableNameVariable(table), localTableName(table)])),
    CODECURRENT_ARCHIVE_BUCKET: LOCAL_ARCHIVE_BUCKET,
    CODECURRENT_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    CODECURRENT_S3_ENDPOINT: endpoints.s3,
    CODECURRENT_SES_ENDPOINT: endpoints.ses,
    CODECURRENT_SOURCE_MIRROR: endpoints.mirror,
  };
}
