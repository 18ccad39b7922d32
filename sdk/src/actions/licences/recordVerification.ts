import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

/** Result bits of a recorded verification (`LicenceRegistry.recordVerification`). */
export const VerificationResult = { Integrity: 1, StatusValid: 2, IssuerAuthorised: 4 } as const;

export type RecordVerificationParameters = {
  /** The licence checked. */
  licenceId: Hex;
  /** Application id, or a hash of the purpose of the check (bytes32). */
  purpose: Hex;
  /** Fields checked (bit i = field i of the type version). */
  fieldMask: bigint;
  /** Result bits: 1 integrity, 2 status valid, 4 issuer authorised (`verifyLicence` gives them). */
  result: number;
};

export type RecordVerificationReturnType = { hash: Hash };

/**
 * Records, as evidence, that the signer's department checked a licence: which licence, for what
 * purpose, which fields, and the result. Nothing else is stored; no field value is sent.
 *
 * @example
 * const verdict = await verifyLicence(clerk, { disclosure });
 * await recordVerification(clerk, { ...verdict, purpose: applicationId });
 */
export async function recordVerification(
  client: OneWindowClient,
  parameters: RecordVerificationParameters,
): Promise<RecordVerificationReturnType> {
  const check = new Check("recordVerification");
  const result = check.uint("result", parameters.result, 8);
  if (result > 7) check.fail("result", "expected bits 1, 2 and 4 only (0 to 7)", "只能取 0 到 7");
  const written = await writeContract(client, {
    contract: "LicenceRegistry",
    functionName: "recordVerification",
    args: [
      check.bytes32("licenceId", parameters.licenceId, { nonZero: true }),
      check.bytes32("purpose", parameters.purpose),
      check.bigUint("fieldMask", parameters.fieldMask, 128),
      result,
    ],
  });
  eventOf(written, "LicenceVerified");
  return { hash: written.hash };
}
