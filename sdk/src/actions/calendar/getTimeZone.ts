import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";

export type GetTimeZoneParameters = {
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
};

/** Seconds east of UTC. */
export type GetTimeZoneReturnType = number;

/**
 * The working calendar's time-zone offset, in seconds east of UTC.
 *
 * @example
 * await getTimeZone(client, {}); // 28800 (Beijing)
 */
export async function getTimeZone(
  client: OneWindowClient,
  parameters: GetTimeZoneParameters = {},
): Promise<GetTimeZoneReturnType> {
  return readContract(client, {
    contract: "WorkingCalendar",
    functionName: "timeZone",
    args: [],
    blockNumber: parameters.blockNumber,
  });
}
