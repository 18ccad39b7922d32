import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from "../../calendar/days.ts";
import { CalendarArgumentError } from "../../errors/calendar.ts";
import type { CalendarYear } from "../../calendar/year.ts";

export type GetCalendarYearParameters = {
  /** 1970..2200. */
  year: number;
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
};

export type GetCalendarYearReturnType = CalendarYear & {
  /**
   * Whether the keeper has set the year (a source or any date). A year never set follows the
   * weekday rule on chain.
   */
  isSet: boolean;
};

/**
 * A year's holidays and make-up working days (YYYYMMDD) as set in the working calendar on chain,
 * and their source.
 *
 * @example
 * const { holidays, makeupWorkdays, source, isSet } = await getCalendarYear(client, { year: 2026 });
 */
export async function getCalendarYear(
  client: OneWindowClient,
  parameters: GetCalendarYearParameters,
): Promise<GetCalendarYearReturnType> {
  const { year } = parameters;
  if (!Number.isSafeInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new CalendarArgumentError("year", year, `must be a year from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`);
  }
  const [holidays, makeupWorkdays, source] = await readContract(client, {
    contract: "WorkingCalendar",
    functionName: "getYear",
    args: [year],
    blockNumber: parameters.blockNumber,
  });
  return {
    year,
    holidays: [...holidays],
    makeupWorkdays: [...makeupWorkdays],
    source,
    isSet: source !== "" || holidays.length > 0 || makeupWorkdays.length > 0,
  };
}
