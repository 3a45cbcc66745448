import type { TestProject } from "vitest/node";
import { startDynamoDbLocal } from "../../../infra/local/dynamodb-local.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The DynamoDB Local every test file of the project shares, each with tables of its own. */
    sharedDynamoDbEndpoint: string;
  }
}

/**
 * One DynamoDB Local (one JVM) for the whole project run rather than one per test file: its start
 * costs seconds of CPU, which a busy machine does not have to spare. Files stay apart through
 * their own tables (`useLocalStack`).
 */
export default async function sharedDynamoDb(project: TestProject): Promise<() => Promise<void>> {
  const dynamodb = await startDynamoDbLocal();
  project.provide("sharedDynamoDbEndpoint", dynamodb.endpoint);
  return () => dynamodb.stop();
}
