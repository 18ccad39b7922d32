import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

export type SetMatterActiveParameters = {
  matterId: number;
  /** `false` closes the matter to new applications; `true` opens it again. */
  active: boolean;
};

export type SetMatterActiveReturnType = { hash: Hash };

/**
 * Opens or closes a matter to new applications (CATALOGUE_EDITOR role). Applications under way
 * are not affected.
 *
 * @throws {ContractRevertError} e.g. `ServiceCatalogActiveUnchanged`, `AccessManagedUnauthorized`.
 *
 * @example
 * await setMatterActive(editor, { matterId, active: false });
 */
export async function setMatterActive(
  client: OneWindowClient,
  parameters: SetMatterActiveParameters,
): Promise<SetMatterActiveReturnType> {
  const check = new Check("setMatterActive");
  const result = await writeContract(client, {
    contract: "ServiceCatalog",
    functionName: "setMatterActive",
    args: [check.uint("matterId", parameters.matterId, 32, 1), check.boolean("active", parameters.active)],
  });
  return { hash: result.hash };
}
