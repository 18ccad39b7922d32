import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { licenceTarget, type LicenceReference } from "./internal/file.ts";
import { Check } from "../../utils/input.ts";

export type RevokeLicenceParameters = LicenceReference & {
  /** The issuing department's reason code (uint16). */
  reason: number;
};

export type RevokeLicenceReturnType = { hash: Hash };

/**
 * Revokes a licence, a batch member (by its proof) or a whole batch (named by its root), for good. Only the issuing department's officers may.
 *
 * @throws {ContractRevertError} `NotDepartmentOfficer`, `LicenceRegistryNotIssuer`,
 * `LicenceRegistryUnknownLicence`, `LicenceRegistryNotInBatch`, `LicenceRegistryInvalidState`.
 *
 * @example
 * await revokeLicence(officer, { file, reason: 1 });
 * await revokeLicence(officer, { licenceId, batchRoot, proof, reason: 1 });
 */
export async function revokeLicence(
  client: OneWindowClient,
  parameters: RevokeLicenceParameters,
): Promise<RevokeLicenceReturnType> {
  const check = new Check("revokeLicence");
  const [licenceId, batchRoot, proof] = licenceTarget(check, parameters);
  const reason = check.uint("reason", parameters.reason, 16);
  const result = await writeContract(client, {
    contract: "LicenceRegistry",
    functionName: "revoke",
    args: [licenceId, batchRoot, proof, reason],
  });
  eventOf(result, "LicenceRevoked");
  return { hash: result.hash };
}
