import { describe, expect, it } from "vitest";
import { JavaNotFoundError, startDynamoDbLocal } from "../../../infra/local/dynamodb-local.js";

describe("DynamoDB Local without Java", () => {
  it("names the Debian package to install when java is not on the PATH", async () => {
    const started = startDynamoDbLocal({ env: { ...process.env, PATH: "/nonexistent" } });
    await expect(started).rejects.toBeInstanceOf(JavaNotFoundError);
    await expect(started).rejects.toThrow("apt-get install -y openjdk-17-jre-headless");
  });

  it("says the same for a Java command that does not exist", async () => {
    await expect(startDynamoDbLocal({ javaCommand: "/nonexistent/bin/java" })).rejects.toThrow(
      /could not be started.*apt-get install -y openjdk-17-jre-headless/,
    );
  });

  it("reports what Java said when the emulator exits before answering", async () => {
    // sh rejects the JVM's options and exits at once, as a JVM that cannot start would.
    await expect(startDynamoDbLocal({ javaCommand: "/bin/sh" })).rejects.toThrow(
      /exited before answering \(code 2\):\n.*Illegal option/s,
    );
  });
});
