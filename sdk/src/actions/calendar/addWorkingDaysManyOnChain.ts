import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { checkTimestamp, checkWorkingDaysArgument } from "../../calendar/days.ts";

export type AddWorkingDaysManyOnChainParameters = {
  /** Unix seconds. */
  start: number;
  /** Lengths in working days, each 1..1000 (else the contract reverts with `WorkingCalendarInvalidLength`). */
  workingDays: readonly number[];
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
};

/** One deadline (Unix seconds) per length, in order. */
export type AddWorkingDaysManyOnChainReturnType = number[];

/**
 * The contract's `addWorkingDaysMany`: `addWorkingDays(start, n)` for several n in one call (what
 * the approval engine uses for the steps it activates together).
 *
 * @example
 * const [hygiene, ecology] = await addWorkingDaysManyOnChain(client, { start, workingDays: [12, 9] });
 */
export async function addWorkingDaysManyOnChain(
  client: OneWindowClient,
  parameters: AddWorkingDaysManyOnChainParameters,
): Promise<AddWorkingDaysManyOnChainReturnType> {
  checkTimestamp(parameters.start);
  parameters.workingDays.forEach(checkWorkingDaysArgument);
  const deadlines = await readContract(client, {
    contract: "WorkingCalendar",
    functionName: "addWorkingDaysMany",
    args: [parameters.start, [...parameters.workingDays]],
    blockNumber: parameters.blockNumber,
  });
  return [...deadlines];
}
