import type { Stack } from "aws-cdk-lib";
import { type IRole, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";

/**
 * The SSM SecureString holding the subscription-token secret. The operator creates it (infra/README.md,
 * section 6): the secret must never appear in a template, so the stack only names it and grants
 * reading it.
 */
export class TokenSecretParameter {
  readonly name: string;

  constructor(
    private readonly stack: Stack,
    config: CodecurrentConfig,
  ) {
    this.name = config.tokenSecretParameter ?? `/codecurrent/${stack.stackName}/subscription-token-secret`;
  }

  grantRead(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["ssm:GetParameter"],
        resources: [
          this.stack.formatArn({
            service: "ssm",
            resource: "parameter",
            resourceName: this.name.replace(/^\//, ""),
          }),
        ],
      }),
    );
  }
}
