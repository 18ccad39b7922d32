/**
 * Calendar years: the schedule `WorkingCalendar.setYear` takes (dates as YYYYMMDD numbers) and the
 * calendar files it is kept in (scripts/data/calendar/*.json, dates as ISO strings). Each lists
 * only the exceptions to the weekday rule of its year: holidays on Monday to Friday and make-up
 * working days (调休上班) on Saturday or Sunday.
 */
import {
  dateFromIso,
  dayOfDate,
  isoFromDate,
  isValidDate,
  isWeekendDay,
  MAX_CALENDAR_YEAR,
  MAX_TIME_ZONE_OFFSET,
  MIN_CALENDAR_YEAR,
} from "./days.ts";
import { CalendarDataError } from "../errors/calendar.ts";

/** One year's schedule, as `setYear(year, holidays, makeupWorkdays, source)` takes it. */
export type CalendarYear = {
  year: number;
  /** YYYYMMDD, weekdays off. */
  holidays: number[];
  /** YYYYMMDD, weekend days worked. */
  makeupWorkdays: number[];
  /** Where the schedule comes from (e.g. the State Council General Office notice). */
  source: string;
};

/** A year's schedule as input (read-only lists). */
export type CalendarYearInput = {
  year: number;
  holidays: readonly number[];
  makeupWorkdays: readonly number[];
  source: string;
};

/** Whether a schedule is the State Council's notice or a provisional one the keeper must replace. */
export type CalendarStatus = "official" | "provisional";

/** A calendar file as stored in scripts/data/calendar/. */
export type CalendarFile = {
  year: number;
  /** Seconds east of UTC (28800: Beijing). */
  timeZoneOffsetSeconds: number;
  source: string;
  /** "provisional": not yet the State Council's notice; the keeper must replace it. */
  status: CalendarStatus;
  /** ISO dates (YYYY-MM-DD), weekdays off. */
  holidays: string[];
  /** ISO dates (YYYY-MM-DD), weekend days worked. */
  makeupWorkdays: string[];
  notes: string[];
};

/** A calendar file read by {@link parseCalendarFile}: the schedule, its status and time zone. */
export type CalendarFileYear = CalendarYear & {
  status: CalendarStatus;
  /** Seconds east of UTC. */
  timeZoneOffsetSeconds: number;
};

const FILE_KEYS = new Set(["year", "timeZoneOffsetSeconds", "source", "status", "holidays", "makeupWorkdays", "notes"]);

/**
 * Reads a calendar file (JSON text, or the parsed value) and converts its dates to YYYYMMDD
 * numbers. Throws a {@link CalendarDataError} naming the bad value when the document is not in the
 * format, a date is not a real date of the file's year, a holiday is not a weekday, a make-up day
 * is not a weekend day, or a date repeats: every check `setYear` makes on chain, before anything
 * is sent.
 *
 * @param source names the data in errors (e.g. the file name).
 * @example
 * const year = parseCalendarFile(readFileSync("scripts/data/calendar/cn-2026.json", "utf8"), "cn-2026.json");
 * await setCalendarYear(keeper, year);
 */
export function parseCalendarFile(input: unknown, source = "calendar file"): CalendarFileYear {
  let json = input;
  if (typeof input === "string") {
    try {
      json = JSON.parse(input);
    } catch (cause) {
      throw new CalendarDataError({ source, path: "$", reason: "not JSON", cause });
    }
  }
  const fail = (path: string, reason: string): never => {
    throw new CalendarDataError({ source, path, reason });
  };
  if (typeof json !== "object" || json === null || Array.isArray(json)) return fail("$", "expected an object");
  const object = json as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!FILE_KEYS.has(key)) fail(`$.${key}`, "unknown key");
  }
  const { year, timeZoneOffsetSeconds, status } = object;
  if (typeof year !== "number") return fail("$.year", "expected a number");
  if (typeof object.source !== "string" || object.source === "") return fail("$.source", "expected a non-empty string");
  if (
    typeof timeZoneOffsetSeconds !== "number" ||
    !Number.isSafeInteger(timeZoneOffsetSeconds) ||
    Math.abs(timeZoneOffsetSeconds) > MAX_TIME_ZONE_OFFSET
  ) {
    return fail("$.timeZoneOffsetSeconds", "expected whole seconds within ±14 hours of UTC");
  }
  if (status !== "official" && status !== "provisional")
    return fail("$.status", 'expected "official" or "provisional"');
  if (object.notes !== undefined && !isStringArray(object.notes))
    return fail("$.notes", "expected an array of strings");
  const isoList = (key: "holidays" | "makeupWorkdays"): number[] => {
    const list = object[key];
    if (!Array.isArray(list)) return fail(`$.${key}`, "expected an array of dates YYYY-MM-DD");
    return list.map((iso: unknown, i) => {
      const date = typeof iso === "string" ? dateFromIso(iso) : undefined;
      return date ?? fail(`$.${key}[${i}]`, `${JSON.stringify(iso)} is not a date YYYY-MM-DD`);
    });
  };
  const schedule: CalendarYear = {
    year,
    holidays: isoList("holidays"),
    makeupWorkdays: isoList("makeupWorkdays"),
    source: object.source,
  };
  validateCalendarYear(schedule, source, "iso");
  return { ...schedule, status, timeZoneOffsetSeconds };
}

/**
 * Checks a year's schedule as `setYear` does: the year within 1970..2200, every date a real date
 * of that year, holidays on Monday to Friday, make-up working days on Saturday or Sunday, no date
 * twice (in either list). Throws a {@link CalendarDataError} naming the first bad value, with the
 * contract error it would cause.
 *
 * @param source names the data in errors.
 * @param dates how dates are shown in errors: YYYYMMDD numbers (default) or ISO text.
 * @example
 * validateCalendarYear({ year: 2026, holidays: [20260103], makeupWorkdays: [], source: "test" });
 * // throws: 20260103 is a Saturday: a holiday must be a weekday (Monday to Friday)
 */
export function validateCalendarYear(
  schedule: CalendarYearInput,
  source = "calendar year",
  dates: "number" | "iso" = "number",
): void {
  const { year } = schedule;
  if (!Number.isSafeInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new CalendarDataError({
      source,
      path: "$.year",
      reason: `${year} is not a year from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`,
      contractError: "WorkingCalendarInvalidYear",
    });
  }
  if (typeof schedule.source !== "string") {
    throw new CalendarDataError({ source, path: "$.source", reason: "expected a string" });
  }
  const seen = new Map<number, string>();
  const check = (key: "holidays" | "makeupWorkdays", weekend: boolean) => {
    const list: unknown = schedule[key];
    if (!Array.isArray(list)) throw new CalendarDataError({ source, path: `$.${key}`, reason: "expected an array" });
    list.forEach((date: unknown, i) => {
      const path = `$.${key}[${i}]`;
      if (typeof date !== "number" || !isValidDate(date) || Math.floor(date / 10_000) !== year) {
        throw new CalendarDataError({
          source,
          path,
          reason: `${show(date, dates)} is not a date of ${year}`,
          contractError: "WorkingCalendarInvalidDate",
        });
      }
      const earlier = seen.get(date);
      if (earlier !== undefined) {
        throw new CalendarDataError({
          source,
          path,
          reason: `${show(date, dates)} repeats ${earlier}`,
          contractError: "WorkingCalendarNotAnException",
        });
      }
      const day = dayOfDate(date);
      if (isWeekendDay(day) !== weekend) {
        const weekday = WEEKDAYS[(((day + 3) % 7) + 7) % 7];
        throw new CalendarDataError({
          source,
          path,
          reason: weekend
            ? `${show(date, dates)} is a ${weekday}: a make-up working day must be a Saturday or Sunday`
            : `${show(date, dates)} is a ${weekday}: a holiday must be a weekday (Monday to Friday)`,
          contractError: "WorkingCalendarNotAnException",
        });
      }
      seen.set(date, path);
    });
  };
  check("holidays", false);
  check("makeupWorkdays", true);
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

function show(date: unknown, dates: "number" | "iso"): string {
  if (typeof date !== "number") return JSON.stringify(date) ?? String(date);
  return dates === "iso" && isValidDate(date) ? isoFromDate(date) : String(date);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}
