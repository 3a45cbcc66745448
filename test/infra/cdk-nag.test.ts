import { Annotations, Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { PROD, synthesize } from "./synthesize.js";

const nagFindings = (overrides: Record<string, unknown>) => {
  const { stack } = synthesize(overrides);
  const annotations = Annotations.fromStack(stack);
  return {
    errors: annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
    warnings: annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")),
  };
};

describe("cdk-nag AwsSolutions checks", () => {
  it.each([
    ["dev", {}],
    ["prod", PROD],
    ["prod with a fixed collection address", { ...PROD, collectEgress: "fixed-ip" }],
  ])("%s stack has no unsuppressed errors or warnings", (_stage, overrides) => {
    const { errors, warnings } = nagFindings(overrides);
    expect(errors.map((finding) => `${finding.id}: ${String(finding.entry.data).split(":")[0]}`)).toEqual([]);
    expect(warnings.map((finding) => `${finding.id}: ${String(finding.entry.data).split(":")[0]}`)).toEqual(
      [],
    );
  });

  it("names a specific reason for every suppression, and scopes wildcard suppressions to findings", () => {
    const { template } = synthesize(PROD);
    const suppressions = Object.values(
      template.toJSON().Resources as Record<string, { Metadata?: Record<string, unknown> }>,
    )
      .flatMap(
        (resource) =>
          (resource.Metadata?.cdk_nag as { rules_to_suppress?: unknown[] })?.rules_to_suppress ?? [],
      )
      .map((rule) => rule as { id: string; reason: string; applies_to?: unknown[] });
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) {
      expect(suppression.reason.length).toBeGreaterThan(60);
      if (suppression.id === "AwsSolutions-IAM5") expect(suppression.applies_to?.length).toBeGreaterThan(0);
    }
    const ids = new Set(suppressions.map((suppression) => suppression.id));
    expect([...ids].sort()).toEqual([
      "AwsSolutions-APIG4",
      "AwsSolutions-APIG6",
      "AwsSolutions-CFR1",
      "AwsSolutions-CFR2",
      "AwsSolutions-CFR4",
      "AwsSolutions-COG3",
      "AwsSolutions-COG4",
      "AwsSolutions-COG8",
      "AwsSolutions-IAM4",
      "AwsSolutions-IAM5",
      "AwsSolutions-L1",
      "AwsSolutions-S1",
      "AwsSolutions-SQS3",
    ]);
  });
});
