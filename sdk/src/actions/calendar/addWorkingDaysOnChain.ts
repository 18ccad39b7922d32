import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { checkTimestamp, checkWorkingDaysArgument } from "../../calendar/days.ts";

export type AddWorkingDaysOnChainParameters = {
  /** Unix seconds. */
  start: number;
  /** Working days to add (the contract takes 1..1000 and reverts with `WorkingCalendarInvalidLength` otherwise). */
  workingDays: number;
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
};

/** Unix seconds: the last second (local) of the deadline day. */
export type AddWorkingDaysOnChainReturnType = number;

/**
 * The contract's `addWorkingDays`: the end (23:59:59 local) of the `workingDays`-th working day
 * after the day of `start`. `WorkingDayCalendar.addWorkingDays` answers the same without a call.
 *
 * @example
 * const deadline = await addWorkingDaysOnChain(client, { start: submittedAt, workingDays: 15 });
 */
export async function addWorkingDaysOnChain(
  client: OneWindowClient,
  parameters: AddWorkingDaysOnChainParameters,
): Promise<AddWorkingDaysOnChainReturnType> {
  checkTimestamp(parameters.start);
  checkWorkingDaysArgument(parameters.workingDays);
  return readContract(client, {
    contract: "WorkingCalendar",
    functionName: "addWorkingDays",
    args: [parameters.start, parameters.workingDays],
    blockNumber: parameters.blockNumber,
  });
}
