import { Duration } from "aws-cdk-lib";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { CodecurrentConfig } from "../config/codecurrent-config.js";
import { CodecurrentFunction } from "./codecurrent-function.js";
import type { SubscriberMail } from "./subscriber-mail.js";
import { grantItems } from "./table-grants.js";

export interface CeuRemindersProps {
  readonly config: CodecurrentConfig;
  readonly mail: SubscriberMail;
  /** Where a reminder run that failed its retries goes (the digests' dead-letter queue, alarmed). */
  readonly deadLetterQueue: Queue;
}

/**
 * The daily CEU reminder pass: one function on a schedule, reading active subscribers, claiming
 * each reminder in the deliveries table before it is sent, sending through SES.
 */
export class CeuReminders extends Construct {
  readonly remindersFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: CeuRemindersProps) {
    super(scope, id);
    const { config, mail } = props;
    const { subscribers, deliveries } = mail.tables;
    const reminders = new CodecurrentFunction(this, "Reminders", {
      config,
      entry: "ceu-reminders.ts",
      description: "Daily: CEU reminders 90/30/7 days out",
      roleDescription: "query active subscribers and their CEU logs, claim deliveries, send email, own logs",
      service: "digests",
      memorySize: 512,
      timeout: Duration.minutes(10),
      settings: { ...mail.settings, deliveriesTable: deliveries.tableName },
    });
    this.remindersFunction = reminders.function;
    grantItems(reminders.role, subscribers, ["dynamodb:Query"], "byStatus");
    grantItems(reminders.role, mail.tables.ceus, ["dynamodb:Query"]);
    grantItems(reminders.role, deliveries, [
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
    ]);
    mail.grantMail(reminders.role);

    new Rule(this, "DailyCeuReminders", {
      description: "codecurrent: CEU reminders 90, 30 and 7 days before a cycle ends",
      schedule: Schedule.cron({ minute: "15", hour: "13" }),
      targets: [
        new LambdaFunction(this.remindersFunction, {
          retryAttempts: 2,
          deadLetterQueue: props.deadLetterQueue,
        }),
      ],
      enabled: config.schedulesEnabled,
    });
  }
}
