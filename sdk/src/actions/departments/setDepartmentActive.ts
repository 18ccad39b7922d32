import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

export type SetDepartmentActiveParameters = {
  departmentId: number;
  /** False deactivates (the department can no longer act), true reactivates. */
  active: boolean;
};

export type SetDepartmentActiveReturnType = { hash: Hash };

/**
 * Deactivates or reactivates a department (REGISTRAR role).
 *
 * @throws {ContractRevertError} `DepartmentRegistryActiveUnchanged` if it already is.
 *
 * @example
 * await setDepartmentActive(registrar, { departmentId, active: false });
 */
export async function setDepartmentActive(
  client: OneWindowClient,
  parameters: SetDepartmentActiveParameters,
): Promise<SetDepartmentActiveReturnType> {
  const check = new Check("setDepartmentActive");
  const { hash } = await writeContract(client, {
    contract: "DepartmentRegistry",
    functionName: "setDepartmentActive",
    args: [check.departmentId("departmentId", parameters.departmentId), check.boolean("active", parameters.active)],
  });
  return { hash };
}
