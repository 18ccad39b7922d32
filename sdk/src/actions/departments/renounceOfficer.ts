import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";

export type RenounceOfficerReturnType = {
  /** The department the signer was an officer of. */
  departmentId: number;
  hash: Hash;
};

/**
 * The signing officer removes their own key from their department at once (a lost or stolen
 * key), as long as the threshold stays reachable.
 *
 * @throws {ContractRevertError} `NotDepartmentOfficer` if the signer is no officer,
 * `DepartmentRegistryThresholdUnreachable` if too few officers would remain.
 *
 * @example
 * await renounceOfficer(officer);
 */
export async function renounceOfficer(client: OneWindowClient): Promise<RenounceOfficerReturnType> {
  const result = await writeContract(client, {
    contract: "DepartmentRegistry",
    functionName: "renounceOfficer",
    args: [],
  });
  return { departmentId: eventOf(result, "OfficerRenounced").args.departmentId, hash: result.hash };
}
