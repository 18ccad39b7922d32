import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { validateCalendarYear, type CalendarYear, type CalendarYearInput } from "../../calendar/year.ts";

/**
 * A year's schedule: dates YYYYMMDD, holidays on weekdays and make-up working days on weekends
 * (e.g. what `parseCalendarFile` returns; other keys are ignored).
 */
export type SetCalendarYearParameters = CalendarYearInput;

export type SetCalendarYearReturnType = {
  hash: Hash;
  /** The schedule as the `YearSet` event recorded it. */
  schedule: CalendarYear;
};

/**
 * Sets a year's public holidays and make-up working days in the working calendar, replacing what
 * the year had (CALENDAR_KEEPER role). Setting the same schedule again is harmless. The schedule
 * is checked first as the contract checks it: bad data throws a `CalendarDataError` and nothing is
 * sent.
 *
 * @example
 * const year = parseCalendarFile(readFileSync("scripts/data/calendar/cn-2026.json", "utf8"), "cn-2026.json");
 * const { schedule } = await setCalendarYear(keeper, year);
 * schedule.holidays.length; // 19
 */
export async function setCalendarYear(
  client: OneWindowClient,
  parameters: SetCalendarYearParameters,
): Promise<SetCalendarYearReturnType> {
  validateCalendarYear(parameters, `setCalendarYear(${parameters.year})`);
  const result = await writeContract(client, {
    contract: "WorkingCalendar",
    functionName: "setYear",
    args: [parameters.year, [...parameters.holidays], [...parameters.makeupWorkdays], parameters.source],
  });
  const { args } = eventOf(result, "YearSet");
  return {
    hash: result.hash,
    schedule: {
      year: args.year,
      holidays: [...args.holidays],
      makeupWorkdays: [...args.makeupWorkdays],
      source: args.source,
    },
  };
}
