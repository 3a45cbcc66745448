import { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import type { TableDefinition } from "#shared/aws/tables.js";
import type { Stage } from "../config/codecurrent-config.js";

/**
 * One DynamoDB table built from its shared definition (shared/aws/tables.ts), so production has
 * exactly the keys and indexes the local stack and the code were written against.
 */
export function tableFromDefinition(scope: Construct, definition: TableDefinition, stage: Stage): Table {
  const id = `${definition.name.charAt(0).toUpperCase()}${definition.name.slice(1)}Table`;
  const table = new Table(scope, id, {
    partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
    sortKey: definition.sortKey ? { name: definition.sortKey, type: AttributeType.STRING } : undefined,
    // Traffic is a few bursts a day (collection runs, digests): on-demand costs nothing when idle
    // and absorbs the burst of a full code-set diff without capacity planning.
    billingMode: BillingMode.PAY_PER_REQUEST,
    // Point-in-time recovery: a bad release or a bug that writes garbage can be rolled back to the
    // second, for 35 days.
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    // KMS with the AWS managed key (aws/dynamodb): encrypted at rest, every use in CloudTrail, no
    // key policy for an operator to get wrong and lock the application out, no monthly key fee.
    // The tables hold public code-set text and change metadata, not PHI, so a customer managed
    // key (cross-account control, crypto-shredding) would add cost and risk without a need.
    encryption: TableEncryption.AWS_MANAGED,
    timeToLiveAttribute: definition.timeToLive,
    deletionProtection: stage === "prod",
    // The change log is the product: a prod table outlives its stack (see README, tear down).
    removalPolicy: stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const index of definition.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: index.sortKey ? { name: index.sortKey, type: AttributeType.STRING } : undefined,
    });
  }
  return table;
}
