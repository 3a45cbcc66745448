import { type BundlingOptions, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import { LAMBDA_BUNDLE } from "./bundle-options.js";

/** `NodejsFunction` bundling for every codecurrent function, from the options the size budget measures. */
export function lambdaBundling(): BundlingOptions {
  return {
    target: LAMBDA_BUNDLE.target,
    format: OutputFormat.ESM,
    minify: LAMBDA_BUNDLE.minify,
    sourceMap: LAMBDA_BUNDLE.sourcemap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    externalModules: [...LAMBDA_BUNDLE.external],
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    banner: LAMBDA_BUNDLE.banner,
  };
}

/** Environment every function shares: its Powertools service name, and stack traces through source maps. */
export function functionEnvironment(service: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: service,
    POWERTOOLS_LOG_LEVEL: "INFO",
    // Stack traces in the logs then point at functions/ and shared/ lines, not the minified bundle.
    NODE_OPTIONS: "--enable-source-maps",
  };
}

/**
 * cdk-nag wants the newest Lambda runtime; every codecurrent function is pinned to Node.js 22 on
 * purpose, so the reason is stated once for all of them.
 */
export function suppressPinnedRuntime(fn: IConstruct): void {
  NagSuppressions.addResourceSuppressions(fn, [
    {
      id: "AwsSolutions-L1",
      reason:
        "Pinned to Node.js 22, the runtime the bundle (esbuild target node22), its dependencies and the project's tests are verified against; moving to a newer runtime is a tested change, not an automatic one.",
    },
  ]);
}
