/**
 * Milliseconds a `Retry-After` header asks us to wait: either delta-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Undefined when absent or unreadable, so the caller falls back to its backoff.
 */
export function retryAfterMs(header: string | null, now: Date = new Date()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}
