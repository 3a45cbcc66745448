import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { SignUpQueue, SignUpRequest } from "./sign-up-request.js";

/**
 * Sign-up requests on their SQS queue (encrypted at rest; the message holds the address and the
 * preferences until the worker has handled it, then it is deleted).
 */
export class SqsSignUpQueue implements SignUpQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(request: SignUpRequest): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(request) }),
    );
  }
}
