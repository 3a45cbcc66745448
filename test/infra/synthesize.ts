import { readFileSync } from "node:fs";
import path from "node:path";
import { App, Aspects } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks } from "cdk-nag";
import { CodecurrentStack } from "../../infra/codecurrent-stack.js";
import { readConfig } from "../../infra/config/read-config.js";

import { REPO_ROOT } from "../../infra/constructs/repo-root.js";

export { REPO_ROOT };

/** The context `npx cdk` passes: cdk.json's, so tests see the same feature flags and defaults. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(REPO_ROOT, "cdk.json"), "utf8")) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: CodecurrentStack;
  readonly template: Template;
}

/**
 * The stack as `infra/app.ts` builds it (same config reader, same cdk-nag aspect), with
 * `-c key=value` style overrides. Bundling is skipped: assertions need the template, not the
 * asset; one test in synth.test.ts does the real bundling synth.
 */
export function synthesize(
  overrides: Record<string, unknown> = {},
  extend?: (stack: CodecurrentStack) => void,
): Synthesized {
  const app = new App({
    context: { ...cdkJsonContext(), ...overrides, "aws:cdk:bundling-stacks": [] },
  });
  const config = readConfig(app.node);
  const stack = new CodecurrentStack(app, config.stackName, {
    config,
    env: { account: "123456789012", region: "us-east-1" },
  });
  extend?.(stack);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { app, stack, template: Template.fromStack(stack) };
}

export const PROD = { stage: "prod", alarmEmail: "oncall@example.org", senderAddress: "digest@example.org" };

/** Logical ids of every resource of a type, optionally filtered by properties. */
export function logicalIds(template: Template, type: string, props?: Record<string, unknown>): string[] {
  return Object.keys(template.findResources(type, props ? { Properties: props } : undefined));
}
