import { readFileSync } from "node:fs";

/** One day in milliseconds. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An independent model of the working-day calendar, for comparison with the contract: a plain
 * day-by-day walk over JS Dates, reading the calendar JSON files directly (ISO date strings, not
 * the YYYYMMDD numbers of scripts/calendar.ts). A local day is represented by the Date at UTC
 * midnight with the same calendar date.
 */
export class CalendarReference {
  private readonly holidays = new Set<string>();
  private readonly makeupWorkdays = new Set<string>();

  /** @param offsetSeconds the time zone, seconds east of UTC. */
  constructor(
    files: readonly string[],
    readonly offsetSeconds: number,
  ) {
    for (const file of files) {
      const data = JSON.parse(readFileSync(file, "utf8")) as { holidays: string[]; makeupWorkdays: string[] };
      for (const iso of data.holidays) this.holidays.add(iso);
      for (const iso of data.makeupWorkdays) this.makeupWorkdays.add(iso);
    }
  }

  /** The local calendar date of a Unix timestamp (seconds), as UTC midnight of that date. */
  localDate(timestamp: number): Date {
    const shifted = new Date((timestamp + this.offsetSeconds) * 1000);
    return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
  }

  /** Whether a local date (UTC midnight) is a working day. */
  isWorkingDate(date: Date): boolean {
    const iso = date.toISOString().slice(0, 10);
    if (this.holidays.has(iso)) return false;
    if (this.makeupWorkdays.has(iso)) return true;
    const weekday = date.getUTCDay(); // 0 Sunday .. 6 Saturday
    return weekday !== 0 && weekday !== 6;
  }

  /** Whether the local day containing `timestamp` is a working day. */
  isWorkingDay(timestamp: number): boolean {
    return this.isWorkingDate(this.localDate(timestamp));
  }

  /** The last second (local) of the n-th working day after the local day of `start`. */
  addWorkingDays(start: number, workingDays: number): number {
    let date = this.localDate(start);
    let counted = 0;
    while (counted < workingDays) {
      date = new Date(date.getTime() + DAY_MS);
      if (this.isWorkingDate(date)) counted++;
    }
    return (date.getTime() + DAY_MS) / 1000 - 1 - this.offsetSeconds;
  }

  /** Working days after the local day of `from`, up to and including the local day of `to`. */
  workingDaysBetween(from: number, to: number): number {
    const last = this.localDate(to).getTime();
    let date = this.localDate(from);
    let counted = 0;
    while (date.getTime() < last) {
      date = new Date(date.getTime() + DAY_MS);
      if (this.isWorkingDate(date)) counted++;
    }
    return counted;
  }
}
