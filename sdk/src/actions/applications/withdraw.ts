import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

export type WithdrawParameters = { applicationId: Hex };

export type WithdrawReturnType = { hash: Hash };

/**
 * The applicant withdraws an application under review or returned for correction.
 *
 * @throws {ContractRevertError} `ApprovalEngineNotApplicant`, `ApprovalEngineInvalidStatus`.
 *
 * @example
 * await withdraw(applicant, { applicationId });
 */
export async function withdraw(client: OneWindowClient, parameters: WithdrawParameters): Promise<WithdrawReturnType> {
  const check = new Check("withdraw");
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "withdraw",
    args: [check.bytes32("applicationId", parameters.applicationId, { nonZero: true })],
  });
  return { hash: result.hash };
}
