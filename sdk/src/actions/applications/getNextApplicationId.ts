import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

export type GetNextApplicationIdParameters = {
  /** The applicant who will submit. */
  applicant: Address;
  /** The matter applied for. */
  matterId: number;
};

/**
 * The id the applicant's next application for a matter will get (`ApprovalEngine.nextApplicationId`:
 * keccak256 of chain id, engine, applicant, matter and the applicant's submission count). Use it as
 * the purpose of the consents granted before submitting. Another submission by the same applicant
 * in between changes it.
 *
 * @example
 * const purpose = await getNextApplicationId(reader, { applicant, matterId });
 */
export async function getNextApplicationId(
  client: OneWindowClient,
  parameters: GetNextApplicationIdParameters,
): Promise<Hex> {
  const check = new Check("getNextApplicationId");
  const applicant = check.address("applicant", parameters.applicant);
  const matterId = check.uint("matterId", parameters.matterId, 32, 1);
  return readContract(client, {
    contract: "ApprovalEngine",
    functionName: "nextApplicationId",
    args: [applicant, matterId],
  });
}
