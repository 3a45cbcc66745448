import { Logger } from "@aws-lambda-powertools/logger";

/**
 * Keys whose values are never written to a log, whatever they hold. Subscriber emails are
 * personal data and secrets are secrets: a log group is readable by far more people than a table.
 */
const REDACTED_KEY =
  /e-?mail|password|passwd|secret|token|authorization|api-?key|credential|cookie|signature/i;
/** Email addresses inside free text (error messages, URLs) are masked too. */
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export const REDACTED = "[redacted]";

/** JSON replacer for log items: drops sensitive values by key and masks email addresses in strings. */
export function redactSensitive(key: string, value: unknown): unknown {
  if (key !== "" && REDACTED_KEY.test(key) && value !== undefined && value !== null) return REDACTED;
  if (typeof value === "string") return value.replace(EMAIL_ADDRESS, "[email]");
  return value;
}

/**
 * Structured JSON logger (Powertools) for Lambda code and CLIs. One line per entry, with level,
 * service, timestamp and, inside Lambda, the request id and cold-start flag: each handler in
 * functions/ hands its logger the Lambda context (`logger.addContext`); this library never sees
 * it. The level comes from `POWERTOOLS_LOG_LEVEL` (default INFO). Email addresses and secrets are
 * redacted on output.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, jsonReplacerFn: redactSensitive });
}

export type { Logger } from "@aws-lambda-powertools/logger";
