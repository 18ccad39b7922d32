import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { getDepartment, type Department } from "./getDepartment.ts";
import { MAX_DEPARTMENT_CODE_BYTES } from "./internal/input.ts";

export type GetDepartmentByCodeParameters = { code: string };

/** The department, or `undefined` if no department has this code. */
export type GetDepartmentByCodeReturnType = Department | undefined;

/**
 * The department with this code, or `undefined`.
 *
 * @example
 * const samr = await getDepartmentByCode(client, { code: "HD-SAMR" });
 */
export async function getDepartmentByCode(
  client: OneWindowClient,
  parameters: GetDepartmentByCodeParameters,
): Promise<GetDepartmentByCodeReturnType> {
  const code = new Check("getDepartmentByCode").text("code", parameters.code, { maxBytes: MAX_DEPARTMENT_CODE_BYTES });
  const departmentId = await readContract(client, {
    contract: "DepartmentRegistry",
    functionName: "departmentIdByCode",
    args: [code],
  });
  return departmentId === 0 ? undefined : getDepartment(client, { departmentId });
}
