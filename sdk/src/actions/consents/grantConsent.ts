import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { consentData } from "./internal/consentData.ts";
import type { ConsentData } from "./internal/typedData.ts";

export type GrantConsentParameters = ConsentData;

export type GrantConsentReturnType = {
  /** The consent's id: keccak256(abi.encode(holder, departmentId, licenceId, purpose)). */
  consentId: Hex;
  hash: Hash;
};

/**
 * The holder (the signing account) grants a department the fields `fieldMask` of a licence for
 * one purpose until `expiresAt`. Granting again for the same department, licence and purpose
 * replaces the grant. Only the mask, ids and times go on chain.
 *
 * @example
 * const { consentId } = await grantConsent(holder, {
 *   departmentId: hdPowerId,
 *   licenceId: file.licenceId,
 *   fieldMask: fieldMaskOf(file.fieldNames, ["name", "registeredAddress"]),
 *   purpose: applicationId,
 *   expiresAt: Math.floor(Date.now() / 1000) + 7 * 86_400,
 * });
 */
export async function grantConsent(
  client: OneWindowClient,
  parameters: GrantConsentParameters,
): Promise<GrantConsentReturnType> {
  const data = consentData(new Check("grantConsent"), parameters);
  const result = await writeContract(client, { contract: "ConsentRegistry", functionName: "grant", args: [data] });
  return { consentId: eventOf(result, "ConsentGranted").args.consentId, hash: result.hash };
}
