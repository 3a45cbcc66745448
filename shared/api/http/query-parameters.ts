import type { z } from "zod";
import { badRequest } from "./api-error.js";

/**
 * Validates query parameters against a zod schema; every problem is reported at once, by
 * parameter name, so a client fixes its request in one go.
 */
export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  query: Readonly<Record<string, string | undefined>>,
): z.infer<Schema> {
  const present = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    parameter: issue.path.map(String).join(".") || "(query)",
    message: issue.message,
  }));
  throw badRequest(
    `invalid query: ${issues.map((issue) => `${issue.parameter}: ${issue.message}`).join("; ")}`,
    issues,
  );
}
