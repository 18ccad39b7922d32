import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { consentData } from "./internal/consentData.ts";
import type { SignedConsent } from "./signConsent.ts";

export type GrantConsentBySigParameters = {
  /** The holder's signed consent, from {@link signConsent}. */
  signed: SignedConsent;
};

export type GrantConsentBySigReturnType = { consentId: Hex; hash: Hash };

/**
 * Submits a consent signed by its holder (the signing account only pays for the transaction; the
 * consent is the holder's). The registry checks the signature against the holder's current
 * nonce, the chain, the registry and the deadline.
 *
 * @throws {ContractRevertError} `ConsentRegistryExpiredSignature` after the deadline,
 * `ConsentRegistryInvalidSignature` for a signature that is not the holder's, or whose nonce was
 * already used (a replay, or the holder cancelled or revoked since).
 *
 * @example
 * const signed = await signConsent(holder, { ...data, deadline: now + 3_600 });
 * const { consentId } = await grantConsentBySig(departmentOfficer, { signed });
 */
export async function grantConsentBySig(
  client: OneWindowClient,
  parameters: GrantConsentBySigParameters,
): Promise<GrantConsentBySigReturnType> {
  const check = new Check("grantConsentBySig");
  const { signed } = parameters;
  const data = consentData(check, signed.data);
  const result = await writeContract(client, {
    contract: "ConsentRegistry",
    functionName: "grantBySig",
    args: [
      {
        data,
        holder: check.address("signed.holder", signed.holder),
        deadline: BigInt(check.uint("signed.deadline", signed.deadline, 40, 1)),
        signature: check.hex("signed.signature", signed.signature),
      },
    ],
  });
  return { consentId: eventOf(result, "ConsentGranted").args.consentId, hash: result.hash };
}
