import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

export type DeactivateLicenceTypeParameters = { typeId: number };

export type DeactivateLicenceTypeReturnType = {
  /** Unix seconds from which no licence of the type issued afterwards verifies. */
  deactivatedAt: number;
  hash: Hash;
};

/**
 * Deactivates a licence type from now on (REGISTRAR role): licences issued afterwards fail the
 * issuer check; earlier ones are unaffected.
 *
 * @example
 * await deactivateLicenceType(registrar, { typeId });
 */
export async function deactivateLicenceType(
  client: OneWindowClient,
  parameters: DeactivateLicenceTypeParameters,
): Promise<DeactivateLicenceTypeReturnType> {
  const typeId = new Check("deactivateLicenceType").uint("typeId", parameters.typeId, 32, 1);
  const result = await writeContract(client, {
    contract: "LicenceTypeRegistry",
    functionName: "deactivateType",
    args: [typeId],
  });
  return { deactivatedAt: eventOf(result, "LicenceTypeDeactivated").args.deactivatedAt, hash: result.hash };
}
