import type { Context } from "aws-lambda";
import { vi } from "vitest";

/** The Lambda context of one invocation, as the runtime hands it to a handler. */
export function lambdaContext(requestId: string, functionName = "codecurrent-test"): Context {
  return {
    awsRequestId: requestId,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "512",
    getRemainingTimeInMillis: () => 300_000,
  } as Context;
}

/**
 * What a handler writes as JSON lines: Powertools log entries (stdout, errors on stderr) and
 * embedded metric documents. Also marks the process an on-demand Lambda environment, which is
 * how Powertools tells a cold start. Call before importing the handler.
 */
export function captureLambdaOutput(): Record<string, unknown>[] {
  vi.stubEnv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
  const lines: Record<string, unknown>[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
      const text = String(chunk);
      if (text.startsWith("{")) lines.push(JSON.parse(text));
      else write(chunk);
      return true;
    });
  }
  return lines;
}
