import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { checkTimeZone } from "../../calendar/days.ts";

export type SetTimeZoneParameters = {
  /** Seconds east of UTC, within ±14 hours (28800 for Beijing). */
  offsetSeconds: number;
};

export type SetTimeZoneReturnType = { hash: Hash; offsetSeconds: number };

/**
 * Sets the working calendar's time-zone offset (CALENDAR_KEEPER role): from then on days are
 * local days of that zone. An offset beyond ±14 hours throws a `CalendarArgumentError` and
 * nothing is sent.
 *
 * @example
 * await setTimeZone(keeper, { offsetSeconds: BEIJING_OFFSET_SECONDS });
 */
export async function setTimeZone(
  client: OneWindowClient,
  parameters: SetTimeZoneParameters,
): Promise<SetTimeZoneReturnType> {
  checkTimeZone(parameters.offsetSeconds);
  const result = await writeContract(client, {
    contract: "WorkingCalendar",
    functionName: "setTimeZone",
    args: [parameters.offsetSeconds],
  });
  return { hash: result.hash, offsetSeconds: eventOf(result, "TimeZoneSet").args.offsetSeconds };
}
