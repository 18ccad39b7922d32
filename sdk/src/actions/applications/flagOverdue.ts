import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

export type FlagOverdueParameters = {
  applicationId: Hex;
  /** Step index of an active step past its deadline. */
  step: number;
};

export type FlagOverdueReturnType = {
  hash: Hash;
  /** The department that missed its deadline. */
  departmentId: number;
  /** Unix seconds: the deadline missed. */
  deadline: number;
};

/**
 * Anyone (the applicant, a supervisor, a watchdog) flags an active step past its statutory
 * deadline: an on-chain event for the auditors, once per round.
 *
 * @throws {ContractRevertError} `ApprovalEngineNotOverdue` (not past its deadline, or already flagged).
 *
 * @example
 * await flagOverdue(supervisor, { applicationId, step: 2 });
 */
export async function flagOverdue(
  client: OneWindowClient,
  parameters: FlagOverdueParameters,
): Promise<FlagOverdueReturnType> {
  const check = new Check("flagOverdue");
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "flagOverdue",
    args: [
      check.bytes32("applicationId", parameters.applicationId, { nonZero: true }),
      check.uint("step", parameters.step, 8),
    ],
  });
  const flagged = eventOf(result, "StepOverdue").args;
  return { hash: result.hash, departmentId: flagged.departmentId, deadline: flagged.deadline };
}
