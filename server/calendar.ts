// The cluster's calendar: the day a response is stored under and the days campaigns open and
// close on are calendar days (YYYY-MM-DD) in the cluster's time zone, never instants.

/** A calendar day as Mera stores it: YYYY-MM-DD. */
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** True for a YYYY-MM-DD string naming a day that exists (2026-02-29 does not). */
export function isCalendarDay(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Per time zone: its formatter (building one costs ~60 µs) and the last day it gave, for which second. */
const dayCache = new Map<string, { format: Intl.DateTimeFormat; second: number; day: string }>();

/** Today's calendar day in the given time zone, as YYYY-MM-DD; formatted once a second, not per request. */
export function dayIn(timeZone: string, now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  let cached = dayCache.get(timeZone);
  if (!cached) {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    cached = { format, second, day: format.format(now) };
    dayCache.set(timeZone, cached);
  } else if (cached.second !== second) {
    cached.second = second;
    cached.day = cached.format.format(now);
  }
  return cached.day;
}
