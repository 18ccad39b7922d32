/**
 * Day arithmetic of the working calendar, exactly as `WorkingCalendar.sol` does it: local day
 * numbers `d = floor((t + offset) / 86400)` (day 0 = 1970-01-01, a Thursday), dates as YYYYMMDD
 * numbers converted with Howard Hinnant's days-from-civil algorithm, and the contract's limits.
 */
import { CalendarArgumentError } from "../errors/calendar.ts";

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;
/** Most working days one `addWorkingDays` counts (the contract's `MAX_WORKING_DAYS`). */
export const MAX_WORKING_DAYS = 1000;
/** First year `setYear` accepts (the contract's `MIN_YEAR`). */
export const MIN_CALENDAR_YEAR = 1970;
/** Last year `setYear` accepts (the contract's `MAX_YEAR`). */
export const MAX_CALENDAR_YEAR = 2200;
/** Largest time-zone offset east or west of UTC, in seconds (the contract's `MAX_OFFSET`: 14 hours). */
export const MAX_TIME_ZONE_OFFSET = 14 * 3600;
/** Beijing time (UTC+8), seconds east of UTC. */
export const BEIJING_OFFSET_SECONDS = 8 * 3600;
/** One more than the largest timestamp the contract takes (`uint40`). */
const TIMESTAMP_LIMIT = 2 ** 40;

/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
const EPOCH_SHIFT = 719_468;
/** Days in a 400-year era. */
const DAYS_PER_ERA = 146_097;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether YYYYMMDD `date` is a real date (of any year 1..9999). */
export function isValidDate(date: number): boolean {
  if (!Number.isSafeInteger(date) || date < 0) return false;
  const year = Math.floor(date / 10_000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The day number (days since 1970-01-01) of the date YYYYMMDD; throws {@link CalendarArgumentError}
 * if it is not a real date.
 *
 * @example
 * dayOfDate(19700101); // 0
 * dayOfDate(20260217); // 20501
 */
export function dayOfDate(date: number): number {
  if (!isValidDate(date)) throw new CalendarArgumentError("date", date, "not a real date YYYYMMDD");
  const year = Math.floor(date / 10_000);
  const month = Math.floor(date / 100) % 100;
  const day = date % 100;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // [0, 399]
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1; // from 1 March
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

/**
 * The date YYYYMMDD of a day number (civil from days, Howard Hinnant).
 *
 * @example
 * dateOfDay(0); // 19700101
 * dateOfDay(-1); // 19691231
 */
export function dateOfDay(day: number): number {
  const z = day + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const dayOfEra = z - era * DAYS_PER_ERA; // [0, 146096]
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + dayOfMonth;
}

/** The year of a day number. */
export function yearOfDay(day: number): number {
  return Math.floor(dateOfDay(day) / 10_000);
}

/** Weekday of a day number, Monday = 0 … Sunday = 6 (day 0 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Whether a day number is a Saturday or a Sunday. */
export function isWeekendDay(day: number): boolean {
  return weekdayOfDay(day) >= 5;
}

/** `2026-02-17` → 20260217; `undefined` unless the text is YYYY-MM-DD of a real date. */
export function dateFromIso(iso: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return undefined;
  const date = Number(`${match[1]}${match[2]}${match[3]}`);
  return isValidDate(date) ? date : undefined;
}

/** 20260217 → `2026-02-17`. */
export function isoFromDate(date: number): string {
  const text = String(date).padStart(8, "0");
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Throws unless `offsetSeconds` is a whole number of seconds within ±14 hours. */
export function checkTimeZone(offsetSeconds: number): void {
  if (!Number.isSafeInteger(offsetSeconds) || Math.abs(offsetSeconds) > MAX_TIME_ZONE_OFFSET) {
    throw new CalendarArgumentError("timeZone", offsetSeconds, "must be whole seconds within ±14 hours of UTC");
  }
}

/** Throws unless `timestamp` is a Unix time the contract takes: whole seconds in `0 .. 2^40 - 1`. */
export function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0 || timestamp >= TIMESTAMP_LIMIT) {
    throw new CalendarArgumentError("timestamp", timestamp, "must be whole Unix seconds from 0 to 2^40 - 1");
  }
}

/** Throws unless `workingDays` is a whole number in `1 ..` {@link MAX_WORKING_DAYS}, as the contract requires. */
export function checkWorkingDays(workingDays: number): void {
  if (!Number.isSafeInteger(workingDays) || workingDays < 1 || workingDays > MAX_WORKING_DAYS) {
    throw new CalendarArgumentError("workingDays", workingDays, `must be a whole number from 1 to ${MAX_WORKING_DAYS}`);
  }
}

/** The local day number of a Unix time (floor division: 1969-12-31 is day -1). */
export function localDayOf(timestamp: number, offsetSeconds: number): number {
  return Math.floor((timestamp + offsetSeconds) / SECONDS_PER_DAY);
}

/** The last second (23:59:59 local) of a day, as Unix seconds. */
export function endOfLocalDay(day: number, offsetSeconds: number): number {
  return (day + 1) * SECONDS_PER_DAY - offsetSeconds - 1;
}

/** The first second (00:00:00 local) of a day, as Unix seconds. */
export function startOfLocalDay(day: number, offsetSeconds: number): number {
  return day * SECONDS_PER_DAY - offsetSeconds;
}

/**
 * The local date YYYYMMDD of a Unix time.
 *
 * @example
 * localDateOf(Date.parse("2026-02-13T16:00:00Z") / 1000, BEIJING_OFFSET_SECONDS); // 20260214
 */
export function localDateOf(timestamp: number, offsetSeconds: number): number {
  return dateOfDay(localDayOf(timestamp, offsetSeconds));
}

/** Throws unless `workingDays` fits the contract's `uint16` argument (the contract checks 1..1000 itself). */
export function checkWorkingDaysArgument(workingDays: number): void {
  if (!Number.isSafeInteger(workingDays) || workingDays < 0 || workingDays > 0xffff) {
    throw new CalendarArgumentError("workingDays", workingDays, "must be a whole number from 0 to 65535 (uint16)");
  }
}
