/**
 * The working-day calendar data (scripts/data/calendar/*.json) in the form `WorkingCalendar.setYear`
 * takes: dates as YYYYMMDD numbers. Each file lists only the exceptions to the weekday rule of its
 * year: holidays on Monday to Friday and make-up working days (调休上班) on Saturday or Sunday.
 * The format and its checks are the SDK's (sdk/src/calendar/year.ts).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { parseCalendarFile, type CalendarFileYear } from "../sdk/src/calendar/index.ts";

export type { CalendarFile } from "../sdk/src/calendar/index.ts";

/** One year ready for `setYear(year, holidays, makeupWorkdays, source)`, with its status and time zone. */
export type CalendarYear = CalendarFileYear;

/** The calendar files shipped with the platform, oldest year first. */
export const CALENDAR_FILES: readonly string[] = ["cn-2026.json", "cn-2027.json"].map((name) =>
  fileURLToPath(new URL(`./data/calendar/${name}`, import.meta.url)),
);

/**
 * Reads a calendar file and converts its dates to YYYYMMDD numbers. Throws a `CalendarDataError`
 * naming the bad value when a date is not a real date of the file's year, a holiday is not a
 * weekday, a make-up day is not a weekend day, or a date repeats (the checks `setYear` makes on
 * chain).
 */
export function loadCalendarYear(file: string | URL): CalendarYear {
  return parseCalendarFile(readFileSync(file, "utf8"), String(file));
}
