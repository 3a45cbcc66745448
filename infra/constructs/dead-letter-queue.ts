import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import type { Construct } from "constructs";

/**
 * An SQS queue that only ever receives what failed elsewhere: encrypted, TLS-only, and kept the
 * longest SQS allows so an operator back from a holiday can still read and redrive it.
 */
export function deadLetterQueue(scope: Construct, id: string, purpose: string): Queue {
  const queue = new Queue(scope, id, {
    // SQS managed keys: EventBridge Scheduler and Lambda destinations can write to it without a
    // key policy grant, which a customer managed key would need for each service.
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    // Failed events are diagnostic, not data: they go with the stack.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  NagSuppressions.addResourceSuppressions(queue, [
    {
      id: "AwsSolutions-SQS3",
      reason: `This queue is itself a dead-letter queue (${purpose}); messages land here to be read and redriven by an operator, not consumed.`,
    },
  ]);
  return queue;
}
