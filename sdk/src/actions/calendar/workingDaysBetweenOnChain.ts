import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { checkTimestamp } from "../../calendar/days.ts";

export type WorkingDaysBetweenOnChainParameters = {
  /** Unix seconds; its day is not counted. */
  from: number;
  /** Unix seconds; its day is counted. */
  to: number;
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
};

/** Working days. */
export type WorkingDaysBetweenOnChainReturnType = number;

/**
 * The contract's `workingDaysBetween`: working days after the day of `from` up to and including
 * the day of `to` (0 if `to` is not after `from`'s day).
 *
 * @example
 * const used = await workingDaysBetweenOnChain(client, { from: activatedAt, to: returnedAt });
 */
export async function workingDaysBetweenOnChain(
  client: OneWindowClient,
  parameters: WorkingDaysBetweenOnChainParameters,
): Promise<WorkingDaysBetweenOnChainReturnType> {
  checkTimestamp(parameters.from);
  checkTimestamp(parameters.to);
  const count = await readContract(client, {
    contract: "WorkingCalendar",
    functionName: "workingDaysBetween",
    args: [parameters.from, parameters.to],
    blockNumber: parameters.blockNumber,
  });
  return Number(count);
}
