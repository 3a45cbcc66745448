import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SESClient } from "@aws-sdk/client-ses";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SSMClient } from "@aws-sdk/client-ssm";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Environment } from "../config/environment.js";

/**
 * The AWS clients codecurrent uses, built in one place and passed to whatever needs them, so the
 * same code talks to AWS in production and to the emulators locally.
 */
export interface AwsClients {
  /** DynamoDB with plain JavaScript values in and out. */
  readonly dynamo: DynamoDBDocumentClient;
  /** DynamoDB with attribute values, for control-plane calls (CreateTable, DescribeTable…). */
  readonly dynamoRaw: DynamoDBClient;
  readonly s3: S3Client;
  readonly ses: SESClient;
  /** Digest fan-out (AWS only: local runs send in process). */
  readonly sqs: SQSClient;
  /** The subscription token secret (an SSM SecureString). */
  readonly ssm: SSMClient;
  /** Closes the sockets of the clients created so far; a process can then exit without waiting on keep-alive. */
  destroy(): void;
}

/**
 * Fixed credentials keep a local run from picking up (or needing) a developer's real AWS profile.
 * s3rver checks signatures against its one built-in key pair, S3RVER/S3RVER; the other emulators
 * accept any, so that pair serves them all.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/**
 * The one retry policy for AWS calls: the SDK's own, set here for every client, and nothing in
 * codecurrent retries an AWS call again on top of it. Adaptive mode is standard mode (throttling,
 * 5xx and network errors retried with jittered backoff, within a retry quota that stops retrying
 * when a service is failing broadly) plus a client-side rate limiter that slows a client down after
 * throttling: the right answer when several digest senders share one SES send rate, or parallel
 * batch writers one table's capacity. Five attempts ride out a burst of throttling (waits of up to
 * 1, 2, 4 and 8 s) and still fail a Lambda long before its timeout.
 */
export const AWS_RETRY = { retryMode: "adaptive", maxAttempts: 5 } as const;

/** Clients are created on first use: a function that only sends mail never builds a DynamoDB client. */
export function createAwsClients(env: Environment): AwsClients {
  let dynamoRaw: DynamoDBClient | undefined;
  let dynamo: DynamoDBDocumentClient | undefined;
  let s3: S3Client | undefined;
  let ses: SESClient | undefined;
  let sqs: SQSClient | undefined;
  let ssm: SSMClient | undefined;

  const rawDynamo = (): DynamoDBClient => {
    dynamoRaw ??= new DynamoDBClient(connection(env, env.dynamodbEndpoint));
    return dynamoRaw;
  };

  return {
    get dynamoRaw() {
      return rawDynamo();
    },
    get dynamo() {
      dynamo ??= DynamoDBDocumentClient.from(rawDynamo(), {
        marshallOptions: {
          // Optional fields of records are left undefined rather than deleted; DynamoDB has no undefined.
          removeUndefinedValues: true,
          // Records are plain objects. A Date or class instance that slips in would otherwise be
          // stored as an empty map without a word; failing loudly is the better default.
          convertClassInstanceToMap: false,
        },
        unmarshallOptions: { wrapNumbers: false },
      });
      return dynamo;
    },
    get s3() {
      s3 ??= new S3Client({
        ...connection(env, env.s3Endpoint),
        // Emulators serve buckets under the path; virtual-host names would need DNS for *.127.0.0.1.
        forcePathStyle: env.s3Endpoint !== undefined,
        // The SDK's default streaming checksums (aws-chunked trailers) are newer than the S3
        // emulator; ask for checksums only where S3 requires them when talking to one.
        ...(env.s3Endpoint !== undefined
          ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }
          : {}),
      });
      return s3;
    },
    get ses() {
      ses ??= new SESClient(connection(env, env.sesEndpoint));
      return ses;
    },
    get sqs() {
      sqs ??= new SQSClient({ region: env.region, ...AWS_RETRY });
      return sqs;
    },
    get ssm() {
      ssm ??= new SSMClient({ region: env.region, ...AWS_RETRY });
      return ssm;
    },
    destroy() {
      dynamo?.destroy();
      dynamoRaw?.destroy();
      s3?.destroy();
      ses?.destroy();
      sqs?.destroy();
      ssm?.destroy();
    },
  };
}

function connection(env: Environment, endpoint: string | undefined) {
  if (endpoint === undefined) return { region: env.region, ...AWS_RETRY };
  return { region: env.region, endpoint, credentials: EMULATOR_CREDENTIALS, ...AWS_RETRY };
}
