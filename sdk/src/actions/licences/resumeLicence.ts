import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { licenceTarget, type LicenceReference } from "./internal/file.ts";
import { Check } from "../../utils/input.ts";

export type ResumeLicenceParameters = LicenceReference;

export type ResumeLicenceReturnType = { hash: Hash };

/**
 * Puts a suspended licence, batch member or batch back in force. Only the issuing department's
 * officers may.
 *
 * @throws {ContractRevertError} `LicenceRegistryInvalidState` if it is not suspended; see
 * {@link suspendLicence} for the others.
 *
 * @example
 * await resumeLicence(officer, { file });
 */
export async function resumeLicence(
  client: OneWindowClient,
  parameters: ResumeLicenceParameters,
): Promise<ResumeLicenceReturnType> {
  const [licenceId, batchRoot, proof] = licenceTarget(new Check("resumeLicence"), parameters);
  const result = await writeContract(client, {
    contract: "LicenceRegistry",
    functionName: "resume",
    args: [licenceId, batchRoot, proof],
  });
  eventOf(result, "LicenceResumed");
  return { hash: result.hash };
}
