import type { HttpRequest } from "../http/http-request.js";

/** A header by name, in whatever case it was sent (the adapters lower them; a test may not). */
export function header(request: HttpRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
