export { WorkingDayCalendar, type WorkingDayCalendarParameters } from "./calendar.ts";
export {
  criticalPath,
  matterStepsOf,
  projectDeadlines,
  type CriticalPathReturnType,
  type MatterStep,
  type ProjectDeadlinesReturnType,
  type ProjectedStep,
  type ScheduledStep,
} from "./critical-path.ts";
export {
  BEIJING_OFFSET_SECONDS,
  dateFromIso,
  dateOfDay,
  dayOfDate,
  endOfLocalDay,
  isoFromDate,
  isValidDate,
  isWeekendDay,
  localDateOf,
  localDayOf,
  MAX_CALENDAR_YEAR,
  MAX_TIME_ZONE_OFFSET,
  MAX_WORKING_DAYS,
  MIN_CALENDAR_YEAR,
  SECONDS_PER_DAY,
  startOfLocalDay,
  weekdayOfDay,
  yearOfDay,
} from "./days.ts";
export {
  CalendarArgumentError,
  CalendarDataError,
  CalendarYearNotLoadedError,
  MatterStepsError,
  type CalendarArgumentKind,
  type CalendarDataErrorParameters,
  type MatterStepsErrorParameters,
} from "./errors.ts";
export {
  parseCalendarFile,
  validateCalendarYear,
  type CalendarFile,
  type CalendarFileYear,
  type CalendarStatus,
  type CalendarYear,
  type CalendarYearInput,
} from "./year.ts";
