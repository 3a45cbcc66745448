import { App, Aspects } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { CodecurrentStack } from "./codecurrent-stack.js";
import { readConfig } from "./config/read-config.js";

/**
 * `npx cdk deploy` entry point. Configuration comes from cdk.json context and `-c key=value`
 * (infra/README.md lists every key); the account and region from the AWS CLI profile.
 */
const app = new App();
const config = readConfig(app.node);

new CodecurrentStack(app, config.stackName, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

// The AWS Solutions security and operations rules run on every synth: an unsuppressed finding
// fails `cdk synth` and `cdk deploy`. Suppressions sit next to the resource with their reason.
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
