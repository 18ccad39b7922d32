import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

export type RevokeConsentParameters = {
  /** The grantee department. */
  departmentId: number;
  /** The licence of the consent. */
  licenceId: Hex;
  /** The purpose of the consent. */
  purpose: Hex;
};

export type RevokeConsentReturnType = { consentId: Hex; hash: Hash };

/**
 * The holder (the signing account) revokes their consent to a department for a licence and
 * purpose. It also uses up the holder's current nonce, so a consent signed earlier and not yet
 * submitted can no longer be.
 *
 * @throws {ContractRevertError} `ConsentRegistryUnknownConsent` when the signer has no such
 * unrevoked consent.
 *
 * @example
 * await revokeConsent(holder, { departmentId, licenceId: file.licenceId, purpose: applicationId });
 */
export async function revokeConsent(
  client: OneWindowClient,
  parameters: RevokeConsentParameters,
): Promise<RevokeConsentReturnType> {
  const check = new Check("revokeConsent");
  const result = await writeContract(client, {
    contract: "ConsentRegistry",
    functionName: "revoke",
    args: [
      check.departmentId("departmentId", parameters.departmentId),
      check.bytes32("licenceId", parameters.licenceId, { nonZero: true }),
      check.bytes32("purpose", parameters.purpose),
    ],
  });
  return { consentId: eventOf(result, "ConsentRevoked").args.consentId, hash: result.hash };
}
