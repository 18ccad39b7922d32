import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

export type IsConsentGrantedParameters = {
  /** The licence's holder. */
  holder: Address;
  /** The department asking. */
  departmentId: number;
  licenceId: Hex;
  /** The fields wanted; all must be granted. Non-zero. */
  fieldMask: bigint;
  purpose: Hex;
};

/**
 * Whether the holder grants the department every field of `fieldMask` of the licence for the
 * purpose, now (not revoked, not expired).
 *
 * @example
 * if (!(await isConsentGranted(client, { holder, departmentId, licenceId, fieldMask, purpose }))) refuse();
 */
export async function isConsentGranted(
  client: OneWindowClient,
  parameters: IsConsentGrantedParameters,
): Promise<boolean> {
  const check = new Check("isConsentGranted");
  const fieldMask = check.bigUint("fieldMask", parameters.fieldMask, 128);
  if (fieldMask === 0n) check.fail("fieldMask", "selects no field", "未选择任何字段");
  return readContract(client, {
    contract: "ConsentRegistry",
    functionName: "isGranted",
    args: [
      check.address("holder", parameters.holder),
      check.departmentId("departmentId", parameters.departmentId),
      check.bytes32("licenceId", parameters.licenceId),
      fieldMask,
      check.bytes32("purpose", parameters.purpose),
    ],
  });
}
