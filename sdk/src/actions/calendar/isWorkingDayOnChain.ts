import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { checkTimestamp } from "../../calendar/days.ts";
import { CalendarArgumentError } from "../../errors/calendar.ts";

export type IsWorkingDayOnChainParameters = (
  | {
      /** Unix seconds: asks about the local day containing it (`isWorkingDay`). */
      timestamp: number;
      date?: undefined;
    }
  | {
      /** A local date YYYYMMDD of the years 1970..9999 (`isWorkingDate`). */
      date: number;
      timestamp?: undefined;
    }
) & {
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
};

export type IsWorkingDayOnChainReturnType = boolean;

/**
 * Whether a day is a working day according to the contract: the local day containing
 * `timestamp`, or the date YYYYMMDD `date`.
 *
 * @example
 * await isWorkingDayOnChain(client, { date: 20260214 }); // true: a make-up Saturday
 * await isWorkingDayOnChain(client, { timestamp: Date.parse("2026-10-01T09:00:00+08:00") / 1000 }); // false
 */
export async function isWorkingDayOnChain(
  client: OneWindowClient,
  parameters: IsWorkingDayOnChainParameters,
): Promise<IsWorkingDayOnChainReturnType> {
  if (parameters.date !== undefined) {
    if (!Number.isSafeInteger(parameters.date) || parameters.date < 0 || parameters.date > 0xffffffff) {
      throw new CalendarArgumentError("date", parameters.date, "must be a date YYYYMMDD");
    }
    return readContract(client, {
      contract: "WorkingCalendar",
      functionName: "isWorkingDate",
      args: [parameters.date],
      blockNumber: parameters.blockNumber,
    });
  }
  checkTimestamp(parameters.timestamp);
  return readContract(client, {
    contract: "WorkingCalendar",
    functionName: "isWorkingDay",
    args: [parameters.timestamp],
    blockNumber: parameters.blockNumber,
  });
}
