import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import type { DepartmentKind, Level } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

/** A department as stored, with its id. */
export type Department = {
  departmentId: number;
  code: string;
  name: string;
  level: Level;
  kind: DepartmentKind;
  /** Officers' signatures needed for a decision (m of n). */
  threshold: number;
  /** Inactive departments cannot act. */
  active: boolean;
  /** Increments with every change of the officers. */
  officersEpoch: number;
  /** Compressed secp256k1 public key that disclosures are encrypted to. */
  encryptionKey: Hex;
  officers: Address[];
};

export type GetDepartmentParameters = { departmentId: number };

export type GetDepartmentReturnType = Department;

/**
 * The department with this id.
 *
 * @throws {ContractRevertError} `UnknownDepartment` if there is none.
 *
 * @example
 * const { name, officers, threshold } = await getDepartment(client, { departmentId: 3 });
 */
export async function getDepartment(
  client: OneWindowClient,
  parameters: GetDepartmentParameters,
): Promise<GetDepartmentReturnType> {
  const departmentId = new Check("getDepartment").departmentId("departmentId", parameters.departmentId);
  const d = await readContract(client, {
    contract: "DepartmentRegistry",
    functionName: "getDepartment",
    args: [departmentId],
  });
  return {
    departmentId,
    code: d.code,
    name: d.name,
    level: d.level as Level,
    kind: d.kind as DepartmentKind,
    threshold: d.threshold,
    active: d.active,
    officersEpoch: d.officersEpoch,
    encryptionKey: d.encryptionKey,
    officers: [...d.officers],
  };
}
