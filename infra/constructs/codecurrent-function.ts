import path from "node:path";
import { type Duration, RemovalPolicy } from "aws-cdk-lib";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, type NodejsFunctionProps } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import { environmentVariables, type Setting } from "#shared/config/environment.js";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { lambdaBundling } from "./lambda-bundling.js";
import { REPO_ROOT } from "./repo-root.js";

/** The Lambda Node.js runtime every function is built for (LAMBDA_BUNDLE.target follows it). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_22_X;

export interface CodecurrentFunctionProps {
  readonly config: CodecurrentConfig;
  /** The handler file in `functions/`, e.g. `collect.ts`; it exports `handler`. */
  readonly entry: string;
  /** What the function does, for the Lambda console. */
  readonly description: string;
  /** What its role may do, for the IAM console; the grants themselves are added by the caller. */
  readonly roleDescription: string;
  /** The `service` of every log line (Powertools' POWERTOOLS_SERVICE_NAME). */
  readonly service: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /**
   * The settings the handler reads, by their name in shared/config/environment.ts: the variable
   * names come from there, so the CDK cannot set one the code does not read.
   */
  readonly settings?: Partial<Record<Setting, string | number | object>>;
  /** How it is invoked: reserved concurrency, asynchronous retries, on-failure destination. */
  readonly invocation?: Pick<
    NodejsFunctionProps,
    "reservedConcurrentExecutions" | "retryAttempts" | "maxEventAge" | "onFailure"
  >;
  /** Where it runs, when in a VPC (the collector behind a fixed egress address). */
  readonly network?: Pick<NodejsFunctionProps, "vpc" | "vpcSubnets" | "securityGroups">;
}

/**
 * One codecurrent Lambda function: the handler in `functions/` bundled by the local esbuild (ESM,
 * minified, source maps; the options `npm run size` measures), Node.js 22 on ARM64, its own log
 * group with the configured retention (kept in prod), and its own role that may write that log
 * group and nothing else until the caller grants what the function does.
 */
export class CodecurrentFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: CodecurrentFunctionProps) {
    super(scope, id);
    const { config } = props;
    this.logGroup = new LogGroup(this, "Logs", {
      retention: config.logRetentionDays,
      removalPolicy: config.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // An own role instead of Lambda's default, whose AWSLambdaBasicExecutionRole managed policy
    // may write to every log group in the account.
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `codecurrent ${props.service}: ${props.roleDescription}`,
    });
    this.logGroup.grantWrite(this.role);
    // "Default": the function takes this construct's place in logical ids, so it keeps the id
    // it had before this construct existed.
    this.function = new NodejsFunction(this, "Default", {
      entry: path.join(REPO_ROOT, "functions", props.entry),
      depsLockFilePath: path.join(REPO_ROOT, "package-lock.json"),
      projectRoot: REPO_ROOT,
      handler: "handler",
      runtime: FUNCTION_RUNTIME,
      // Graviton: about 20% cheaper per GB-second than x86 and as fast for this work.
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      description: `codecurrent: ${props.description}`,
      environment: {
        ...environmentVariables(props.settings ?? {}),
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_LOG_LEVEL: "INFO",
        // Stack traces in the logs then point at functions/ and shared/ lines, not the minified bundle.
        NODE_OPTIONS: "--enable-source-maps",
      },
      bundling: lambdaBundling(),
      ...props.invocation,
      ...props.network,
    });
    NagSuppressions.addResourceSuppressions(this.function, [
      {
        id: "AwsSolutions-L1",
        reason:
          "Pinned to Node.js 22, the runtime the bundle (esbuild target node22), its dependencies and the project's tests are verified against; moving to a newer runtime is a tested change, not an automatic one.",
      },
    ]);
  }
}
