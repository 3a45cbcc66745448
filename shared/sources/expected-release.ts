/**
 * When a source's next release is due, so a release that never appears is noticed (a publisher
 * that renamed its files looks exactly like a quiet quarter otherwise):
 * - `year`: one release a year taking effect on `effective` (MM-DD), usually published by
 *   `publishedBy` (MM-DD) of the same year (ICD-10-CM/PCS: October 1, files out by early August);
 * - `quarter`: a release each January, April, July and October 1, published at least `daysBefore`
 *   days ahead (HCPCS, NCCI).
 */
export type ExpectedRelease =
  | { readonly every: "year"; readonly effective: string; readonly publishedBy: string }
  | { readonly every: "quarter"; readonly daysBefore: number };

const DAY_MS = 86_400_000;

/**
 * Why the release due by `now` is missing, or undefined when the current release (effective
 * `currentEffectiveDate`) is it or a later one, or none is due yet.
 */
export function missingRelease(
  expected: ExpectedRelease,
  currentEffectiveDate: string | undefined,
  now: Date,
): string | undefined {
  const due = dueRelease(expected, now);
  if (!due) return undefined;
  if (currentEffectiveDate && currentEffectiveDate >= due.effective) return undefined;
  return `no release effective ${due.effective} yet, though one is usually published by ${due.by}`;
}

/** The newest release that should be out by `now`: its effective date and the day it was due. */
function dueRelease(expected: ExpectedRelease, now: Date): { effective: string; by: string } | undefined {
  const today = now.toISOString().slice(0, 10);
  if (expected.every === "year") {
    for (const year of [now.getUTCFullYear() + 1, now.getUTCFullYear(), now.getUTCFullYear() - 1]) {
      const by = `${year}-${expected.publishedBy}`;
      if (by <= today) return { effective: `${year}-${expected.effective}`, by };
    }
    return undefined;
  }
  // The next quarter's first day, then the ones before it, newest first.
  const quarter = Math.floor(now.getUTCMonth() / 3);
  for (let q = quarter + 1; q >= quarter - 1; q--) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1));
    const by = new Date(start.getTime() - expected.daysBefore * DAY_MS).toISOString().slice(0, 10);
    if (by <= today) return { effective: start.toISOString().slice(0, 10), by };
  }
  return undefined;
}
