import type { Address, Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { DepartmentKind, Level } from "../../chain/enums.ts";

export type RegisterDepartmentParameters = {
  /** Short unique ASCII code, e.g. `"HD-SAMR"` (1..32 bytes). */
  code: string;
  /** Official name, e.g. `"海淀区市场监督管理局"`. */
  name: string;
  level: Level;
  /** Default: government. */
  kind?: DepartmentKind | undefined;
  /** Compressed secp256k1 public key (33 bytes) that disclosures are encrypted to. */
  encryptionKey: Hex;
  officers: readonly Address[];
  /** Officers' signatures needed for a decision (m of n). */
  threshold: number;
};

export type RegisterDepartmentReturnType = { departmentId: number; hash: Hash };

/**
 * Registers a department with its officers and threshold (REGISTRAR role).
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
  const result = await writeContract(client, {
    contract: "DepartmentRegistry",
    functionName: "registerDepartment",
    args: [
      {
        code: parameters.code,
        name: parameters.name,
        level: parameters.level,
        kind: parameters.kind ?? DepartmentKind.Government,
        encryptionKey: parameters.encryptionKey,
      },
      [...parameters.officers],
      parameters.threshold,
    ],
  });
  return { departmentId: eventOf(result, "DepartmentRegistered").args.departmentId, hash: result.hash };
}
