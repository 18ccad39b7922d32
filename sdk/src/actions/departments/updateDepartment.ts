import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { departmentInput, type DepartmentInput } from "./internal/input.ts";

export type UpdateDepartmentParameters = DepartmentInput & {
  /** The department to change. */
  departmentId: number;
};

export type UpdateDepartmentReturnType = { hash: Hash };

/**
 * Changes a department's code, name, level, kind and encryption key (REGISTRAR role); all are
 * given, as the registry replaces them together.
 *
 * @example
 * const current = await getDepartment(client, { departmentId });
 * await updateDepartment(registrar, { ...current, departmentId, encryptionKey: newKey });
 */
export async function updateDepartment(
  client: OneWindowClient,
  parameters: UpdateDepartmentParameters,
): Promise<UpdateDepartmentReturnType> {
  const check = new Check("updateDepartment");
  const departmentId = check.departmentId("departmentId", parameters.departmentId);
  const input = departmentInput(check, parameters);
  const { hash } = await writeContract(client, {
    contract: "DepartmentRegistry",
    functionName: "updateDepartment",
    args: [departmentId, input],
  });
  return { hash };
}
