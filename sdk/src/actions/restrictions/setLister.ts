import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

export type SetListerParameters = {
  departmentId: number;
  /** True allows the department to list subjects; false stops new listings (it may still unlist its own). */
  allowed: boolean;
};

export type SetListerReturnType = { hash: Hash };

/**
 * Allows or disallows a department (the court, the credit department) to list subjects
 * (REGISTRAR role).
 *
 * @example
 * await setLister(registrar, { departmentId: courtId, allowed: true });
 */
export async function setLister(
  client: OneWindowClient,
  parameters: SetListerParameters,
): Promise<SetListerReturnType> {
  const check = new Check("setLister");
  const { hash } = await writeContract(client, {
    contract: "RestrictionList",
    functionName: "setLister",
    args: [check.departmentId("departmentId", parameters.departmentId), check.boolean("allowed", parameters.allowed)],
  });
  return { hash };
}
