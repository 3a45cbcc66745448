const MINUTE_MS = 60_000;
const UNIT_MS: Record<string, number> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: 24 * 60 * MINUTE_MS };
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** Cron schedules may name a year; past five years out nothing is "expected" any more. */
const SEARCH_DAYS = 5 * 366;

/**
 * When EventBridge Scheduler will next run a schedule expression (`rate(…)` or `cron(…)`, UTC),
 * after `after`; for `rate`, `lastRun` anchors the interval. `undefined` for expressions this
 * reading does not cover (`at(…)`, or the `L`, `W` and `#` cron forms): health then shows no
 * guess rather than a wrong one.
 */
export function nextScheduledRun(expression: string, after: Date, lastRun?: Date): Date | undefined {
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
  if (rate) {
    const interval = Number(rate[1]) * UNIT_MS[rate[2]!]!;
    if (!lastRun) return new Date(after.getTime() + interval);
    let next = lastRun.getTime() + interval;
    // A missed run is due now, not at some multiple in the past.
    if (next < after.getTime()) next = after.getTime();
    return new Date(next);
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) return undefined;
  const parts = cron[1]!.trim().split(/\s+/);
  if (parts.length !== 6) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const minutes = field(minute, 0, 59);
  const hours = field(hour, 0, 23);
  const days = field(dayOfMonth, 1, 31);
  const months = field(month, 1, 12, MONTHS, 1);
  const weekdays = field(dayOfWeek, 1, 7, WEEKDAYS, 1);
  const years = field(year, 1970, 2199);
  if (!minutes || !hours || !days || !months || !weekdays || !years) return undefined;

  const start = new Date(after.getTime() + MINUTE_MS);
  start.setUTCSeconds(0, 0);
  const firstDay = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  for (let d = 0; d < SEARCH_DAYS; d++) {
    const day = new Date(firstDay + d * UNIT_MS.day!);
    if (!years.has(day.getUTCFullYear()) || !months.has(day.getUTCMonth() + 1)) continue;
    // EventBridge numbers weekdays 1 (Sunday) to 7 (Saturday); `?` leaves one of the two fields open.
    if (!days.has(day.getUTCDate()) || !weekdays.has(day.getUTCDay() + 1)) continue;
    for (const h of [...hours].sort((a, b) => a - b)) {
      for (const m of [...minutes].sort((a, b) => a - b)) {
        const candidate = new Date(day.getTime() + h * UNIT_MS.hour! + m * MINUTE_MS);
        if (candidate >= start) return candidate;
      }
    }
  }
  return undefined;
}

/** One cron field as the set of values it allows; `undefined` for a form not read here. */
function field(
  text: string,
  min: number,
  max: number,
  names: readonly string[] = [],
  firstName = 0,
): Set<number> | undefined {
  const values = new Set<number>();
  const value = (token: string): number | undefined => {
    const named = names.indexOf(token.toUpperCase());
    if (named >= 0) return named + firstName;
    return /^\d+$/.test(token) ? Number(token) : undefined;
  };
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/") as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (range === "*" || range === "?") {
      [from, to] = [min, max];
    } else if (range.includes("-")) {
      const [a, b] = range.split("-") as [string, string];
      [from, to] = [value(a), value(b)];
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from === undefined || to === undefined || from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}
