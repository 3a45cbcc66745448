import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readEnvironment } from "#shared/config/environment.js";
import { TOKEN_SECRET_MAX_AGE_SECONDS, tokenSecret } from "#shared/subscriptions/token-secret.js";

const PARAMETER = "/codecurrent/test/subscription-token-secret";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** An SSM client whose GetParameter answers the value it is told, counting the calls. */
function ssmAnswering(value: () => string) {
  const ssm = new SSMClient({ region: "us-east-1" });
  const send = vi.spyOn(ssm, "send").mockImplementation(async () => ({
    Parameter: { Name: PARAMETER, Type: "SecureString", Value: value() },
  }));
  return { ssm, send };
}

describe("the subscription token secret", () => {
  it("reads the SecureString decrypted, then serves it from the cache until its maximum age has passed", async () => {
    vi.useFakeTimers({ now: new Date("2026-06-01T12:00:00Z"), toFake: ["Date"] });
    let current = "first-secret-0123456789-0123456789";
    const { ssm, send } = ssmAnswering(() => current);
    const secret = tokenSecret(readEnvironment({ CODECURRENT_TOKEN_SECRET_PARAMETER: PARAMETER }), () => ssm);

    expect(await secret()).toBe("first-secret-0123456789-0123456789");
    const command = send.mock.calls[0]![0] as GetParameterCommand;
    expect(command).toBeInstanceOf(GetParameterCommand);
    expect(command.input).toEqual({ Name: PARAMETER, WithDecryption: true });

    // Rotated in SSM: warm functions keep the value they read until it is TOKEN_SECRET_MAX_AGE_SECONDS old.
    current = "rotated-secret-0123456789-0123456789";
    vi.setSystemTime(Date.now() + (TOKEN_SECRET_MAX_AGE_SECONDS - 1) * 1000);
    expect(await secret()).toBe("first-secret-0123456789-0123456789");
    expect(send).toHaveBeenCalledTimes(1);
    vi.setSystemTime(Date.now() + 2000);
    expect(await secret()).toBe("rotated-secret-0123456789-0123456789");
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("refuses an empty parameter rather than signing with nothing", async () => {
    const { ssm } = ssmAnswering(() => "");
    const secret = tokenSecret(readEnvironment({ CODECURRENT_TOKEN_SECRET_PARAMETER: PARAMETER }), () => ssm);
    await expect(secret()).rejects.toThrow(PARAMETER);
  });

  it("uses CODECURRENT_TOKEN_SECRET as it is, without asking SSM", async () => {
    const ssm = vi.fn();
    const secret = tokenSecret(
      readEnvironment({
        CODECURRENT_TOKEN_SECRET: "local-secret",
        CODECURRENT_TOKEN_SECRET_PARAMETER: PARAMETER,
      }),
      ssm,
    );
    expect(await secret()).toBe("local-secret");
    expect(ssm).not.toHaveBeenCalled();
  });

  it("generates a dev secret once under the local data directory and keeps it across processes", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "codecurrent-secret-"));
    try {
      const first = await tokenSecret(readEnvironment({}), vi.fn(), dataDir)();
      expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
      expect(readFileSync(path.join(dataDir, "dev-token-secret"), "utf8")).toBe(first);
      expect(await tokenSecret(readEnvironment({}), vi.fn(), dataDir)()).toBe(first);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("says which variable to set when no secret is configured", async () => {
    await expect(tokenSecret(readEnvironment({}), vi.fn())()).rejects.toThrow(
      /CODECURRENT_TOKEN_SECRET_PARAMETER.*CODECURRENT_TOKEN_SECRET/,
    );
  });
});
