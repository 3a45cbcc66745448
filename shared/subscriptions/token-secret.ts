import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SSMProvider } from "@aws-lambda-powertools/parameters/ssm";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { ENVIRONMENT_VARIABLES, type Environment } from "../config/environment.js";

/** The current HMAC secret of subscription tokens. */
export type TokenSecret = () => Promise<string>;

/**
 * How long a warm function reuses the secret it read. Rotating the parameter invalidates every
 * link already sent, so it is rare and done by hand; within this many seconds every function signs
 * and verifies with the new value, without a redeploy.
 */
export const TOKEN_SECRET_MAX_AGE_SECONDS = 300;

/**
 * Where the token secret comes from. In AWS: an SSM SecureString, read with decryption through
 * Powertools' SSM provider, which caches it for TOKEN_SECRET_MAX_AGE_SECONDS. Locally:
 * `CODECURRENT_TOKEN_SECRET`, or a dev secret generated once under the local data directory so
 * links in the local inbox keep working across restarts.
 */
export function tokenSecret(env: Environment, ssm: () => SSMClient, localDataDir?: string): TokenSecret {
  const fixed = env.tokenSecret;
  if (fixed) return async () => fixed;
  const name = env.tokenSecretParameter;
  if (name) {
    let provider: SSMProvider | undefined;
    return async () => {
      provider ??= new SSMProvider({ awsSdkV3Client: ssm() });
      const value = await provider.get(name, { decrypt: true, maxAge: TOKEN_SECRET_MAX_AGE_SECONDS });
      if (!value) throw new Error(`SSM parameter ${name} is empty`);
      return value;
    };
  }
  if (localDataDir) return async () => devSecret(localDataDir);
  return async () => {
    throw new Error(
      `no subscription token secret: set ${ENVIRONMENT_VARIABLES.tokenSecretParameter} (AWS) or ${ENVIRONMENT_VARIABLES.tokenSecret}`,
    );
  };
}

function devSecret(dataDir: string): string {
  const file = path.join(dataDir, "dev-token-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
