import {
  BEIJING_OFFSET_SECONDS,
  checkTimestamp,
  checkTimeZone,
  checkWorkingDays,
  dayOfDate,
  endOfLocalDay,
  isValidDate,
  isWeekendDay,
  localDayOf,
  MIN_CALENDAR_YEAR,
  yearOfDay,
} from "./days.ts";
import { CalendarArgumentError, CalendarDataError, CalendarYearNotLoadedError } from "../errors/calendar.ts";
import { validateCalendarYear, type CalendarYear, type CalendarYearInput } from "./year.ts";

/** What a {@link WorkingDayCalendar} is built from. */
export type WorkingDayCalendarParameters = {
  /** The years' schedules (each checked as `setYear` checks it; one schedule per year). */
  years: readonly CalendarYearInput[];
  /** Seconds east of UTC (default 28800: Beijing). */
  timeZoneOffsetSeconds?: number | undefined;
  /**
   * What a day of a year not given means: `"error"` (default) throws
   * {@link CalendarYearNotLoadedError}; `"weekday-rule"` counts Monday to Friday as working days,
   * as the contract does for a year its keeper never set.
   */
  unloadedYears?: "error" | "weekday-rule" | undefined;
};

/** One more than the largest deadline the contract returns (`uint40`). */
const TIMESTAMP_LIMIT = 2 ** 40;

/**
 * The working-day calendar of `WorkingCalendar.sol` in TypeScript, giving the contract's answers
 * without a call: Monday to Friday are working days except holidays, weekend make-up days are
 * working days, days are local days in the calendar's time zone. A time limit of n working days
 * counts from the day after the start; the deadline is the last second (23:59:59 local) of the
 * n-th working day.
 *
 * Times are Unix seconds (`number`), dates YYYYMMDD numbers.
 *
 * @example
 * const calendar = new WorkingDayCalendar({
 *   years: CALENDAR_FILES.map((file) => parseCalendarFile(readFileSync(file, "utf8"), file)),
 * });
 * const start = Date.parse("2026-02-12T10:00:00+08:00") / 1000;
 * calendar.addWorkingDays(start, 5); // 2026-02-26 23:59:59 Beijing: across the Spring Festival
 */
export class WorkingDayCalendar {
  /** Seconds east of UTC. */
  readonly timeZoneOffsetSeconds: number;
  /** What a day of a year not given means. */
  readonly unloadedYears: "error" | "weekday-rule";
  /** The years given, ascending. */
  readonly years: readonly number[];
  readonly #schedules = new Map<number, CalendarYear>();
  /** Day numbers whose status is the opposite of the weekday rule. */
  readonly #exceptions = new Set<number>();

  constructor(parameters: WorkingDayCalendarParameters) {
    this.timeZoneOffsetSeconds = parameters.timeZoneOffsetSeconds ?? BEIJING_OFFSET_SECONDS;
    checkTimeZone(this.timeZoneOffsetSeconds);
    this.unloadedYears = parameters.unloadedYears ?? "error";
    parameters.years.forEach((schedule, i) => {
      const source = `years[${i}]`;
      validateCalendarYear(schedule, source);
      if (this.#schedules.has(schedule.year)) {
        throw new CalendarDataError({ source, path: "$.year", reason: `${schedule.year} is given twice` });
      }
      this.#schedules.set(schedule.year, {
        year: schedule.year,
        holidays: [...schedule.holidays],
        makeupWorkdays: [...schedule.makeupWorkdays],
        source: schedule.source,
      });
      for (const date of [...schedule.holidays, ...schedule.makeupWorkdays]) this.#exceptions.add(dayOfDate(date));
    });
    this.years = [...this.#schedules.keys()].sort((a, b) => a - b);
  }

  /** The schedule given for `year` (a copy), or `undefined`. */
  schedule(year: number): CalendarYear | undefined {
    const found = this.#schedules.get(year);
    return found && { ...found, holidays: [...found.holidays], makeupWorkdays: [...found.makeupWorkdays] };
  }

  /** Whether the local day containing `timestamp` is a working day (contract: `isWorkingDay`). */
  isWorkingDay(timestamp: number): boolean {
    checkTimestamp(timestamp);
    return this.#isWorking(localDayOf(timestamp, this.timeZoneOffsetSeconds));
  }

  /**
   * Whether the date YYYYMMDD is a working day (contract: `isWorkingDate`, which takes the years
   * 1970..9999).
   */
  isWorkingDate(date: number): boolean {
    if (!isValidDate(date) || date < MIN_CALENDAR_YEAR * 10_000) {
      throw new CalendarArgumentError("date", date, "not a real date YYYYMMDD of the years 1970 to 9999");
    }
    return this.#isWorking(dayOfDate(date));
  }

  /**
   * The last second (23:59:59 local) of the `workingDays`-th working day after the local day of
   * `start` (contract: `addWorkingDays`). The start day is never counted, working or not.
   * `workingDays` must be 1..1000, as on chain.
   *
   * @example
   * calendar.addWorkingDays(Date.parse("2026-10-01T09:00:00+08:00") / 1000, 1); // end of 2026-10-08
   */
  addWorkingDays(start: number, workingDays: number): number {
    checkTimestamp(start);
    checkWorkingDays(workingDays);
    return this.#deadline(this.#nthWorkingDayAfter(localDayOf(start, this.timeZoneOffsetSeconds), workingDays));
  }

  /** {@link addWorkingDays} for several lengths from one start (contract: `addWorkingDaysMany`). */
  addWorkingDaysMany(start: number, workingDays: readonly number[]): number[] {
    checkTimestamp(start);
    for (const n of workingDays) checkWorkingDays(n);
    const startDay = localDayOf(start, this.timeZoneOffsetSeconds);
    return workingDays.map((n) => this.#deadline(this.#nthWorkingDayAfter(startDay, n)));
  }

  /**
   * Working days after the local day of `from` up to and including the local day of `to`; 0 when
   * `to` is not after `from`'s day (contract: `workingDaysBetween`).
   */
  workingDaysBetween(from: number, to: number): number {
    checkTimestamp(from);
    checkTimestamp(to);
    const first = localDayOf(from, this.timeZoneOffsetSeconds);
    const last = localDayOf(to, this.timeZoneOffsetSeconds);
    let count = 0;
    for (let day = first + 1; day <= last; day++) if (this.#isWorking(day)) count++;
    return count;
  }

  #isWorking(day: number): boolean {
    if (this.unloadedYears === "error") {
      const year = yearOfDay(day);
      if (!this.#schedules.has(year)) throw new CalendarYearNotLoadedError(year);
    }
    return !isWeekendDay(day) !== this.#exceptions.has(day);
  }

  #nthWorkingDayAfter(day: number, n: number): number {
    let current = day;
    for (let counted = 0; counted < n;) {
      current++;
      if (this.#isWorking(current)) counted++;
    }
    return current;
  }

  #deadline(day: number): number {
    const deadline = endOfLocalDay(day, this.timeZoneOffsetSeconds);
    if (deadline >= TIMESTAMP_LIMIT) {
      throw new CalendarArgumentError("timestamp", deadline, "the deadline is beyond 2^40 - 1 seconds");
    }
    return deadline;
  }
}
