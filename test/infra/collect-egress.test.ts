import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { logicalIds, PROD, synthesize } from "./synthesize.js";

const collectFunction = (template: ReturnType<typeof synthesize>["template"]) => {
  const functions = template.findResources("AWS::Lambda::Function", {
    Properties: { Handler: "index.handler" },
  });
  const [, resource] = Object.entries(functions).find(([id]) => id.includes("Collect"))!;
  return resource.Properties as Record<string, unknown>;
};

describe("collection through a fixed egress address", () => {
  it("is off by default: no VPC, no NAT gateway, no Elastic IP, the collector outside any VPC", () => {
    const { template } = synthesize(PROD);
    for (const type of ["AWS::EC2::VPC", "AWS::EC2::NatGateway", "AWS::EC2::EIP"])
      expect(logicalIds(template, type)).toEqual([]);
    expect(collectFunction(template).VpcConfig).toBeUndefined();
    expect(Object.keys(template.toJSON().Outputs)).not.toContain("CollectEgressAddress");
  });

  it("with collectEgress=fixed-ip: one NAT gateway on one Elastic IP, the collector in private subnets, AWS APIs through gateway endpoints", () => {
    const { template } = synthesize({ ...PROD, collectEgress: "fixed-ip" });
    expect(logicalIds(template, "AWS::EC2::VPC")).toHaveLength(1);
    const eips = logicalIds(template, "AWS::EC2::EIP");
    expect(eips).toHaveLength(1);
    template.resourceCountIs("AWS::EC2::NatGateway", 1);
    template.hasResourceProperties("AWS::EC2::NatGateway", {
      AllocationId: { "Fn::GetAtt": [eips[0], "AllocationId"] },
    });
    // Kept when a prod stack is deleted: it is the address the publisher was asked to allow.
    template.hasResource("AWS::EC2::EIP", { DeletionPolicy: "Retain" });

    const vpcConfig = collectFunction(template).VpcConfig as { SubnetIds: { Ref: string }[] };
    expect(vpcConfig.SubnetIds).toHaveLength(2);
    for (const subnet of vpcConfig.SubnetIds) expect(subnet.Ref).toMatch(/Collectors/);
    // Private subnets route the internet through the NAT gateway only.
    const routes = template.findResources("AWS::EC2::Route", {
      Properties: { DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: Match.anyValue() },
    });
    expect(Object.keys(routes)).toHaveLength(2);
    template.resourceCountIs("AWS::EC2::VPCEndpoint", 2);
    template.resourceCountIs("AWS::EC2::FlowLog", 1);
    expect(template.toJSON().Outputs.CollectEgressAddress.Value).toEqual({ Ref: eips[0] });
  });

  it("refuses an egress it does not know", () => {
    expect(() => synthesize({ collectEgress: "tor" })).toThrow(/collectEgress/);
  });
});

describe("operator alerts from the collector", () => {
  it("with alarmEmail and senderAddress: the collector knows the operators' address and may send from the sender only", () => {
    const { template } = synthesize({
      ...PROD,
      senderAddress: "digest@example.org",
      alertAfterFailures: "4",
    });
    const variables = (collectFunction(template).Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables).toMatchObject({
      CODECURRENT_ALERT_EMAIL: PROD.alarmEmail,
      CODECURRENT_ALERT_AFTER_FAILURES: "4",
      CODECURRENT_SENDER_ADDRESS: "digest@example.org",
    });
    const policies = JSON.stringify(template.findResources("AWS::IAM::Policy"));
    expect(policies).toContain("ses:SendRawEmail");
  });

  it("without a sender address: no alert emails (the CloudWatch alarms still go to alarmEmail)", () => {
    const { template } = synthesize({ stage: "prod", alarmEmail: PROD.alarmEmail });
    const variables = (collectFunction(template).Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables.CODECURRENT_ALERT_EMAIL).toBeUndefined();
  });
});
