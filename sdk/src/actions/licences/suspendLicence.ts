import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { licenceTarget, type LicenceReference } from "./internal/file.ts";
import { Check } from "../../utils/input.ts";

export type SuspendLicenceParameters = LicenceReference & {
  /** The issuing department's reason code (uint16). */
  reason: number;
};

export type SuspendLicenceReturnType = { hash: Hash };

/**
 * Suspends a licence, a batch member (by its proof) or a whole batch (named by its root) until it is resumed. Only the issuing department's officers may.
 *
 * @throws {ContractRevertError} `NotDepartmentOfficer`, `LicenceRegistryNotIssuer`,
 * `LicenceRegistryUnknownLicence`, `LicenceRegistryNotInBatch`, `LicenceRegistryInvalidState`.
 *
 * @example
 * await suspendLicence(officer, { file, reason: 1 });
 * await suspendLicence(officer, { licenceId, batchRoot, proof, reason: 1 });
 */
export async function suspendLicence(
  client: OneWindowClient,
  parameters: SuspendLicenceParameters,
): Promise<SuspendLicenceReturnType> {
  const check = new Check("suspendLicence");
  const [licenceId, batchRoot, proof] = licenceTarget(check, parameters);
  const reason = check.uint("reason", parameters.reason, 16);
  const result = await writeContract(client, {
    contract: "LicenceRegistry",
    functionName: "suspend",
    args: [licenceId, batchRoot, proof, reason],
  });
  eventOf(result, "LicenceSuspended");
  return { hash: result.hash };
}
