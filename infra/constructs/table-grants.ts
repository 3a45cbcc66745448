import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Effect, type IRole, PolicyStatement } from "aws-cdk-lib/aws-iam";

/**
 * Exactly these item actions on one table, or on one of its indexes: narrower than the Table's own
 * grant methods, which hand out every read or write action (Scan and DeleteItem included).
 */
export function grantItems(role: IRole, table: Table, actions: string[], index?: string): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions,
      resources: [index ? `${table.tableArn}/index/${index}` : table.tableArn],
    }),
  );
}
