import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { Construct } from "constructs";
import { ADDRESSES_TABLE, CEUS_TABLE, DELIVERIES_TABLE, SUBSCRIBERS_TABLE } from "#shared/aws/tables.js";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { tableFromDefinition } from "./table-from-definition.js";

export interface SubscriberTablesProps {
  readonly config: CodecurrentConfig;
}

/**
 * People's storage: the subscribers (personal data: addresses, preferences), the one item per
 * subscribed address that keeps sign-ups unique, their CEU log, and the record of every email
 * claimed for them. Deployed with or without a sender address: every table of
 * shared/aws/tables.ts exists in every stack.
 */
export class SubscriberTables extends Construct {
  readonly subscribers: Table;
  readonly deliveries: Table;
  readonly addresses: Table;
  readonly ceus: Table;

  constructor(scope: Construct, id: string, props: SubscriberTablesProps) {
    super(scope, id);
    this.subscribers = tableFromDefinition(this, SUBSCRIBERS_TABLE, props.config.stage);
    this.deliveries = tableFromDefinition(this, DELIVERIES_TABLE, props.config.stage);
    this.addresses = tableFromDefinition(this, ADDRESSES_TABLE, props.config.stage);
    this.ceus = tableFromDefinition(this, CEUS_TABLE, props.config.stage);
  }
}
