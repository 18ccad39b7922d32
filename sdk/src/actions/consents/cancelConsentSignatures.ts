import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";

export type CancelConsentSignaturesReturnType = {
  /** The nonce used up: every consent signed over it is void. */
  usedNonce: bigint;
  hash: Hash;
};

/**
 * The holder (the signing account) voids every consent they signed and that was not yet
 * submitted, by using up their current nonce.
 *
 * @example
 * await cancelConsentSignatures(holder);
 */
export async function cancelConsentSignatures(client: OneWindowClient): Promise<CancelConsentSignaturesReturnType> {
  const result = await writeContract(client, {
    contract: "ConsentRegistry",
    functionName: "cancelSignatures",
    args: [],
  });
  return { usedNonce: eventOf(result, "ConsentNonceUsed").args.nonce, hash: result.hash };
}
