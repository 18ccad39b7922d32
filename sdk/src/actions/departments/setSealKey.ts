import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { parseSm2PublicKey } from "../../crypto/sm2.ts";
import { Check } from "../../utils/input.ts";

export type SetSealKeyParameters = {
  departmentId: number;
  /** The department's SM2 seal public key: 65 bytes, 0x04 ‖ x ‖ y, on the SM2 curve (`sm2PublicKeyOf`). */
  publicKey: Hex;
};

export type SetSealKeyReturnType = { hash: Hash };

/**
 * Registers a department's national-seal key (REGISTRAR role), in force from this block on; the
 * keys before it stay in the history and still check what they sealed (docs/seal.md).
 *
 * @throws {SealError} naming what is wrong with the key (length, prefix, not on the curve), before sending.
 * @throws {ContractRevertError} `AccessManagedUnauthorized` for a caller without the REGISTRAR role.
 *
 * @example
 * await setSealKey(registrar, { departmentId, publicKey: sm2PublicKeyOf(sealPrivateKey) });
 */
export async function setSealKey(
  client: OneWindowClient,
  parameters: SetSealKeyParameters,
): Promise<SetSealKeyReturnType> {
  const check = new Check("setSealKey");
  const departmentId = check.departmentId("departmentId", parameters.departmentId);
  const publicKey = parseSm2PublicKey(parameters.publicKey, "the seal public key");
  const { hash } = await writeContract(client, {
    contract: "DepartmentRegistry",
    functionName: "setSealKey",
    args: [departmentId, publicKey],
  });
  return { hash };
}
