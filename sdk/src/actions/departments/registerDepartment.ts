import type { Address, Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { departmentInput, officersAndThreshold, type DepartmentInput } from "./internal/input.ts";

export type RegisterDepartmentParameters = DepartmentInput & {
  /** Officers' addresses (1..32); an address is an officer of at most one department. */
  officers: readonly Address[];
  /** Officers' signatures needed for a decision (m of n). */
  threshold: number;
};

export type RegisterDepartmentReturnType = { departmentId: number; hash: Hash };

/**
 * Registers a department with its officers and threshold (REGISTRAR role). The input is checked
 * first: an {@link InvalidParameterError} names a bad parameter and nothing is sent.
 *
 * @example
 * const { departmentId } = await registerDepartment(registrar, {
 *   code: "HD-SAMR",
 *   name: "海淀区市场监督管理局",
 *   level: Level.District,
 *   encryptionKey: officerKey.publicKey,
 *   officers: [alice, bob, carol],
 *   threshold: 2,
 * });
 */
export async function registerDepartment(
  client: OneWindowClient,
  parameters: RegisterDepartmentParameters,
): Promise<RegisterDepartmentReturnType> {
  const check = new Check("registerDepartment");
  const input = departmentInput(check, parameters);
  const [officers, threshold] = officersAndThreshold(check, parameters.officers, parameters.threshold);
  const result = await writeContract(client, {
    contract: "DepartmentRegistry",
    functionName: "registerDepartment",
    args: [input, officers, threshold],
  });
  return { departmentId: eventOf(result, "DepartmentRegistered").args.departmentId, hash: result.hash };
}
