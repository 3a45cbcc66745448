import { RemovalPolicy } from "aws-cdk-lib";
import {
  CfnEIP,
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  NatProvider,
  SecurityGroup,
  type SubnetSelection,
  SubnetType,
  Vpc,
} from "aws-cdk-lib/aws-ec2";
import { Effect, PolicyStatement, type Role } from "aws-cdk-lib/aws-iam";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";

/**
 * A fixed address for collection (`collectEgress=fixed-ip`): cms.gov's CDN can refuse datacenter
 * addresses, and Lambda's are shared and change. The collector then runs in private subnets of a
 * VPC of its own whose one NAT gateway goes out through one Elastic IP, which an operator can ask
 * CMS to allow (infra/README.md). DynamoDB and S3 are reached through gateway endpoints, so only
 * publisher traffic crosses the NAT.
 */
export class CollectEgress extends Construct {
  readonly vpc: Vpc;
  readonly address: CfnEIP;
  readonly securityGroup: SecurityGroup;
  readonly subnets: SubnetSelection = { subnetType: SubnetType.PRIVATE_WITH_EGRESS };

  constructor(scope: Construct, id: string, props: { readonly config: CodecurrentConfig }) {
    super(scope, id);
    const { config } = props;
    this.address = new CfnEIP(this, "Address", { domain: "vpc" });
    // Retained in prod: the address is what the publisher was asked to allow.
    this.address.applyRemovalPolicy(config.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    const flowLogs = new LogGroup(this, "FlowLogs", {
      retention: config.logRetentionDays,
      removalPolicy: config.stage === "prod" ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.vpc = new Vpc(this, "Vpc", {
      // Two zones for the collector's subnets, one NAT gateway: one address to allow.
      maxAzs: 2,
      natGateways: 1,
      natGatewayProvider: NatProvider.gateway({ eipAllocationIds: [this.address.attrAllocationId] }),
      subnetConfiguration: [
        { name: "Public", subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: "Collectors", subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      ],
      gatewayEndpoints: {
        DynamoDb: { service: GatewayVpcEndpointAwsService.DYNAMODB },
        S3: { service: GatewayVpcEndpointAwsService.S3 },
      },
      flowLogs: {
        All: {
          destination: FlowLogDestination.toCloudWatchLogs(flowLogs),
          trafficType: FlowLogTrafficType.ALL,
        },
      },
    });
    this.securityGroup = new SecurityGroup(this, "Collector", {
      vpc: this.vpc,
      description: "codecurrent collect: outbound only (publishers over HTTPS, AWS APIs)",
      allowAllOutbound: true,
    });
  }

  /**
   * What a function in a VPC needs of EC2 to attach to its subnets (AWSLambdaVPCAccessExecutionRole's
   * network-interface actions, which the own role does not get by itself).
   */
  grantNetworkInterfaces(role: Role): void {
    role.addToPolicy(
      new PolicyStatement({
        sid: "VpcNetworkInterfaces",
        effect: Effect.ALLOW,
        actions: [
          "ec2:CreateNetworkInterface",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeSubnets",
          "ec2:DeleteNetworkInterface",
          "ec2:AssignPrivateIpAddresses",
          "ec2:UnassignPrivateIpAddresses",
        ],
        resources: ["*"],
      }),
    );
    NagSuppressions.addResourceSuppressions(
      role,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "Lambda creates and deletes the network interfaces of a VPC function itself; EC2's network-interface actions take no resource-level scope for Create/Describe (AWSLambdaVPCAccessExecutionRole grants the same on *).",
          appliesTo: ["Resource::*"],
        },
      ],
      true,
    );
  }
}
