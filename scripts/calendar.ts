/**
 * The working-day calendar data (scripts/data/calendar/*.json) in the form `WorkingCalendar.setYear`
 * takes: dates as YYYYMMDD numbers. Each file lists only the exceptions to the weekday rule of its
 * year: holidays on Monday to Friday and make-up working days (调休上班) on Saturday or Sunday.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A calendar file as stored in scripts/data/calendar/. */
export type CalendarFile = {
  year: number;
  /** Seconds east of UTC (28800: Beijing). */
  timeZoneOffsetSeconds: number;
  source: string;
  /** "provisional": not yet the State Council's notice; the keeper must replace it. */
  status: "official" | "provisional";
  /** ISO dates (YYYY-MM-DD), weekdays off. */
  holidays: string[];
  /** ISO dates (YYYY-MM-DD), weekend days worked. */
  makeupWorkdays: string[];
  notes: string[];
};

/** One year ready for `setYear(year, holidays, makeupWorkdays, source)`. */
export type CalendarYear = {
  year: number;
  /** YYYYMMDD. */
  holidays: number[];
  /** YYYYMMDD. */
  makeupWorkdays: number[];
  source: string;
  status: CalendarFile["status"];
  timeZoneOffsetSeconds: number;
};

/** The calendar files shipped with the platform, oldest year first. */
export const CALENDAR_FILES: readonly string[] = ["cn-2026.json", "cn-2027.json"].map((name) =>
  fileURLToPath(new URL(`./data/calendar/${name}`, import.meta.url)),
);

/**
 * Reads a calendar file and converts its dates to YYYYMMDD numbers. Throws when a date is not a
 * real date of the file's year, a holiday is not a weekday, a make-up day is not a weekend day, or
 * a date repeats (the checks `setYear` makes on chain).
 */
export function loadCalendarYear(file: string | URL): CalendarYear {
  const data = JSON.parse(readFileSync(file, "utf8")) as CalendarFile;
  const { year, source, status, timeZoneOffsetSeconds } = data;
  if (!Number.isInteger(year) || year < 1970 || year > 2200) throw new Error(`${String(file)}: bad year ${year}`);
  if (status !== "official" && status !== "provisional") throw new Error(`${String(file)}: bad status ${status}`);
  const seen = new Set<string>();
  const convert = (dates: string[], weekend: boolean): number[] =>
    dates.map((iso) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      const date = match === null ? undefined : new Date(`${iso}T00:00:00Z`);
      if (
        match === null ||
        date === undefined ||
        Number.isNaN(date.getTime()) ||
        date.getUTCFullYear() !== year ||
        date.getUTCMonth() + 1 !== Number(match[2]) ||
        date.getUTCDate() !== Number(match[3])
      ) {
        throw new Error(`${String(file)}: ${iso} is not a date of ${year}`);
      }
      const day = date.getUTCDay(); // 0 Sunday .. 6 Saturday
      if ((day === 0 || day === 6) !== weekend || seen.has(iso)) {
        throw new Error(`${String(file)}: ${iso} is not an exception to the weekday rule (or repeats)`);
      }
      seen.add(iso);
      return Number(iso.replaceAll("-", ""));
    });
  return {
    year,
    holidays: convert(data.holidays, false),
    makeupWorkdays: convert(data.makeupWorkdays, true),
    source,
    status,
    timeZoneOffsetSeconds,
  };
}
