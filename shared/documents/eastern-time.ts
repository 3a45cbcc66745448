const EASTERN = "America/New_York";

const wallClock = new Intl.DateTimeFormat("en-US", {
  timeZone: EASTERN,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Minutes Eastern time is ahead of UTC at `instant` (-300 in winter, -240 in summer). */
function easternOffsetMinutes(instant: number): number {
  const parts = Object.fromEntries(wallClock.formatToParts(instant).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The UTC instant of a wall-clock time in Washington/Baltimore. The offset depends on the date
 * (EST or EDT), so it is read from the time-zone database for that very moment rather than fixed.
 * In the repeated hour of November the earlier (EDT) reading wins; a time in the skipped hour of
 * March is read with the offset before the change.
 */
export function easternToUtc(year: number, month: number, day: number, hour: number, minute: number): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - easternOffsetMinutes(wall) * 60_000;
  const second = wall - easternOffsetMinutes(first) * 60_000;
  const candidates = [first, second].filter((instant) => easternWallMatches(instant, wall));
  return new Date(candidates.length > 0 ? Math.min(...candidates) : first);
}

function easternWallMatches(instant: number, wall: number): boolean {
  return instant + easternOffsetMinutes(instant) * 60_000 === wall;
}
