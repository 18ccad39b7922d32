import { OneWindowError } from "./base.ts";

/** What a {@link CalendarDataError} is built from. */
export type CalendarDataErrorParameters = {
  /** Where the data came from, e.g. a file name; `"calendar year"` when unknown. */
  source: string;
  /** JSONPath of the bad value, e.g. `$.holidays[3]`. */
  path: string;
  /** What is wrong, e.g. `2026-01-03 is a Saturday: a holiday must be a weekday`. */
  reason: string;
  /**
   * The `WorkingCalendar` error that `setYear` would revert with for this data, if any
   * (`WorkingCalendarInvalidDate`, `WorkingCalendarNotAnException`, `WorkingCalendarInvalidYear`).
   */
  contractError?: string | undefined;
  cause?: unknown;
};

/**
 * A calendar year (a calendar file or a schedule for `setYear`) is malformed: not a date of its
 * year, a holiday on a weekend, a make-up working day on a weekday, a repeated date, a year out of
 * range, a missing or unknown key…. Nothing is sent to the chain.
 *
 * @example
 * try {
 *   parseCalendarFile(text, "cn-2028.json");
 * } catch (error) {
 *   if (error instanceof CalendarDataError) console.error(error.path, error.reason);
 * }
 */
export class CalendarDataError extends OneWindowError {
  override name = "CalendarDataError";
  readonly source: string;
  readonly path: string;
  readonly reason: string;
  readonly contractError: string | undefined;

  constructor({ source, path, reason, contractError, cause }: CalendarDataErrorParameters) {
    super(`Invalid calendar data in ${source} at ${path}: ${reason}.`, {
      code: "CALENDAR_DATA_INVALID",
      messages: {
        zh: `工作日历数据无效（${source}，位置 ${path}）：${reason}。`,
        en: `The working calendar data is invalid (${source}, at ${path}): ${reason}.`,
      },
      cause,
    });
    this.source = source;
    this.path = path;
    this.reason = reason;
    this.contractError = contractError;
  }
}

/** Which argument a {@link CalendarArgumentError} is about. */
export type CalendarArgumentKind = "timestamp" | "date" | "workingDays" | "timeZone" | "year";

/**
 * An argument of a calendar computation is out of range, with the same limits as the contract:
 * a length of 0 or more than {@link MAX_WORKING_DAYS} working days (`WorkingCalendarInvalidLength`),
 * a time-zone offset beyond ±14 hours (`WorkingCalendarInvalidTimeZone`), a date that is not a real
 * YYYYMMDD date (`WorkingCalendarInvalidDate`), a year outside 1970..2200
 * (`WorkingCalendarInvalidYear`), or a timestamp that is not a whole number of seconds in
 * `0 .. 2^40 - 1` (the contract's `uint40`).
 *
 * @example
 * calendar.addWorkingDays(start, 0); // throws CalendarArgumentError (argument "workingDays")
 */
export class CalendarArgumentError extends OneWindowError {
  override name = "CalendarArgumentError";
  readonly argument: CalendarArgumentKind;
  readonly value: number | bigint;
  /** The `WorkingCalendar` error the contract reverts with for this argument, if it checks it. */
  readonly contractError: string | undefined;

  constructor(argument: CalendarArgumentKind, value: number | bigint, reason: string) {
    super(`Invalid ${argument} ${String(value)}: ${reason}.`, {
      code: `CALENDAR_INVALID_${ARGUMENT_CODES[argument]}`,
      messages: {
        zh: `${ARGUMENT_NAMES_ZH[argument]}无效（${String(value)}）：${reason}。`,
        en: `Invalid ${ARGUMENT_NAMES_EN[argument]} (${String(value)}): ${reason}.`,
      },
    });
    this.argument = argument;
    this.value = value;
    this.contractError = CONTRACT_ERRORS[argument];
  }
}

const ARGUMENT_CODES: Record<CalendarArgumentKind, string> = {
  timestamp: "TIMESTAMP",
  date: "DATE",
  workingDays: "LENGTH",
  timeZone: "TIME_ZONE",
  year: "YEAR",
};
const ARGUMENT_NAMES_ZH: Record<CalendarArgumentKind, string> = {
  timestamp: "时间",
  date: "日期",
  workingDays: "工作日数",
  timeZone: "时区偏移",
  year: "年份",
};
const ARGUMENT_NAMES_EN: Record<CalendarArgumentKind, string> = {
  timestamp: "time",
  date: "date",
  workingDays: "number of working days",
  timeZone: "time-zone offset",
  year: "year",
};
const CONTRACT_ERRORS: Record<CalendarArgumentKind, string | undefined> = {
  timestamp: undefined,
  date: "WorkingCalendarInvalidDate",
  workingDays: "WorkingCalendarInvalidLength",
  timeZone: "WorkingCalendarInvalidTimeZone",
  year: "WorkingCalendarInvalidYear",
};

/**
 * A computation needs the status of a day in a year the calendar was not given. (The contract
 * follows the weekday rule for a year the keeper never set; a {@link WorkingDayCalendar} refuses
 * to guess unless built with `unloadedYears: "weekday-rule"`.) Also thrown by `loadCalendar` for a
 * year that was never set on chain.
 *
 * @example
 * try {
 *   calendar.addWorkingDays(lateDecember2027, 30);
 * } catch (error) {
 *   if (error instanceof CalendarYearNotLoadedError) await loadYear(error.year);
 * }
 */
export class CalendarYearNotLoadedError extends OneWindowError {
  override name = "CalendarYearNotLoadedError";
  readonly year: number;

  constructor(year: number, where: "calendar" | "chain" = "calendar") {
    const onChain = where === "chain";
    super(
      onChain
        ? `The working calendar on chain has no schedule for ${year}.`
        : `The working calendar has no schedule for ${year}.`,
      {
        code: onChain ? "CALENDAR_YEAR_NOT_SET" : "CALENDAR_YEAR_NOT_LOADED",
        messages: onChain
          ? {
              zh: `链上工作日历尚未设置 ${year} 年的节假日安排，请日历管理员先设置该年度。`,
              en: `The holidays of ${year} are not set in the working calendar on chain: the calendar keeper must set that year first.`,
            }
          : {
              zh: `工作日历未载入 ${year} 年的节假日安排，无法计算该年度的工作日。`,
              en: `The working calendar has no holidays for ${year} loaded, so working days in that year cannot be counted.`,
            },
      },
    );
    this.year = year;
  }
}

/** What a {@link MatterStepsError} is built from. */
export type MatterStepsErrorParameters = {
  /** The step concerned, if one is. */
  step?: number | undefined;
  /** What is wrong, e.g. `depends on step 7, which does not exist`. */
  reason: string;
  /** For a cycle: the steps around it, the first repeated at the end. */
  cycle?: readonly number[] | undefined;
};

/**
 * The steps of a service matter do not form a valid DAG: no steps, a dependency on a missing step
 * or on itself, a cycle, or a time limit that is not a whole number of working days in
 * `1 ..` {@link MAX_WORKING_DAYS}.
 *
 * @example
 * criticalPath([{ dependsOn: [1], limitDays: 3 }, { dependsOn: [0], limitDays: 5 }]);
 * // throws MatterStepsError: steps 0 → 1 → 0 form a cycle
 */
export class MatterStepsError extends OneWindowError {
  override name = "MatterStepsError";
  readonly step: number | undefined;
  readonly reason: string;
  readonly cycle: readonly number[] | undefined;

  constructor({ step, reason, cycle }: MatterStepsErrorParameters) {
    const where = step === undefined ? "" : ` (step ${step})`;
    super(`Invalid matter steps${where}: ${reason}.`, {
      code: cycle ? "MATTER_STEPS_CYCLE" : "MATTER_STEPS_INVALID",
      messages: {
        zh: cycle
          ? `事项的办理环节存在循环依赖（${cycle.join(" → ")}）。`
          : `事项的办理环节无效${step === undefined ? "" : `（环节 ${step}）`}：${reason}。`,
        en: cycle
          ? `The steps of the matter depend on each other in a cycle (${cycle.join(" → ")}).`
          : `The steps of the matter are invalid${where}: ${reason}.`,
      },
    });
    this.step = step;
    this.reason = reason;
    this.cycle = cycle;
  }
}
