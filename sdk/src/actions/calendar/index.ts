export {
  addWorkingDaysManyOnChain,
  type AddWorkingDaysManyOnChainParameters,
  type AddWorkingDaysManyOnChainReturnType,
} from "./addWorkingDaysManyOnChain.ts";
export {
  addWorkingDaysOnChain,
  type AddWorkingDaysOnChainParameters,
  type AddWorkingDaysOnChainReturnType,
} from "./addWorkingDaysOnChain.ts";
export { getCalendarYear, type GetCalendarYearParameters, type GetCalendarYearReturnType } from "./getCalendarYear.ts";
export { getTimeZone, type GetTimeZoneParameters, type GetTimeZoneReturnType } from "./getTimeZone.ts";
export {
  isWorkingDayOnChain,
  type IsWorkingDayOnChainParameters,
  type IsWorkingDayOnChainReturnType,
} from "./isWorkingDayOnChain.ts";
export { loadCalendar, type LoadCalendarParameters, type LoadCalendarReturnType } from "./loadCalendar.ts";
export { setCalendarYear, type SetCalendarYearParameters, type SetCalendarYearReturnType } from "./setCalendarYear.ts";
export { setTimeZone, type SetTimeZoneParameters, type SetTimeZoneReturnType } from "./setTimeZone.ts";
export {
  workingDaysBetweenOnChain,
  type WorkingDaysBetweenOnChainParameters,
  type WorkingDaysBetweenOnChainReturnType,
} from "./workingDaysBetweenOnChain.ts";
