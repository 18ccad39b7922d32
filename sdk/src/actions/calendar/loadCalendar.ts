import type { OneWindowClient } from "../../chain/client.ts";
import { WorkingDayCalendar } from "../../calendar/calendar.ts";
import { CalendarYearNotLoadedError } from "../../errors/calendar.ts";
import { getCalendarYear } from "./getCalendarYear.ts";
import { getTimeZone } from "./getTimeZone.ts";

export type LoadCalendarParameters = {
  /** The years to read (1970..2200). */
  years: readonly number[];
  /**
   * A listed year the keeper never set: `"error"` (default) throws `CalendarYearNotLoadedError`
   * (code `CALENDAR_YEAR_NOT_SET`); `"weekday-rule"` takes it as a year without exceptions, which
   * is what the contract does.
   */
  unsetYears?: "error" | "weekday-rule" | undefined;
  /** Days of years not listed: see `WorkingDayCalendarParameters.unloadedYears` (default `"error"`). */
  unloadedYears?: "error" | "weekday-rule" | undefined;
  /** Read at this block (default: the latest block when the call starts, for every read). */
  blockNumber?: bigint | undefined;
};

export type LoadCalendarReturnType = WorkingDayCalendar;

/**
 * Reads the time zone and the given years back from the working calendar on chain (all at one
 * block) into a {@link WorkingDayCalendar}, which then answers `addWorkingDays`,
 * `workingDaysBetween` and `isWorkingDay` exactly as the contract does, without calls.
 *
 * @example
 * const calendar = await loadCalendar(client, { years: [2026, 2027] });
 * const deadline = calendar.addWorkingDays(submittedAt, 15);
 */
export async function loadCalendar(
  client: OneWindowClient,
  parameters: LoadCalendarParameters,
): Promise<LoadCalendarReturnType> {
  const blockNumber = parameters.blockNumber ?? (await client.public.getBlockNumber());
  const [timeZoneOffsetSeconds, ...years] = await Promise.all([
    getTimeZone(client, { blockNumber }),
    ...parameters.years.map((year) => getCalendarYear(client, { year, blockNumber })),
  ]);
  for (const year of years) {
    if (!year.isSet && (parameters.unsetYears ?? "error") === "error") {
      throw new CalendarYearNotLoadedError(year.year, "chain");
    }
  }
  return new WorkingDayCalendar({
    years: years.map(({ year, holidays, makeupWorkdays, source }) => ({ year, holidays, makeupWorkdays, source })),
    timeZoneOffsetSeconds,
    unloadedYears: parameters.unloadedYears,
  });
}
