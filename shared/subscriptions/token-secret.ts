import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GetParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";
import type { Environment } from "../config/environment.js";

let cached: { readonly parameter: string; readonly value: string } | undefined;

/**
 * The HMAC secret of subscription tokens. In AWS: an SSM SecureString (decrypted on read, cached
 * for the container's life — rotating it invalidates outstanding links, so it is rotated rarely
 * and by hand). Locally: `CODECURRENT_TOKEN_SECRET`, or a dev secret generated once under the
 * local data directory so links in the local inbox keep working across restarts.
 */
export async function resolveTokenSecret(
  env: Environment,
  ssm: () => SSMClient,
  localDataDir?: string,
): Promise<string> {
  if (env.tokenSecret) return env.tokenSecret;
  if (env.tokenSecretParameter) {
    if (cached?.parameter === env.tokenSecretParameter) return cached.value;
    const result = await ssm().send(
      new GetParameterCommand({ Name: env.tokenSecretParameter, WithDecryption: true }),
    );
    const value = result.Parameter?.Value;
    if (!value) throw new Error(`SSM parameter ${env.tokenSecretParameter} is empty`);
    cached = { parameter: env.tokenSecretParameter, value };
    return value;
  }
  if (localDataDir) return devSecret(localDataDir);
  throw new Error(
    "no subscription token secret: set CODECURRENT_TOKEN_SECRET_PARAMETER (AWS) or CODECURRENT_TOKEN_SECRET",
  );
}

function devSecret(dataDir: string): string {
  const file = path.join(dataDir, "dev-token-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
