import type { Hex } from "viem";

import type { OneWindowClient } from "../../../chain/client.ts";
import { readContract } from "../../../chain/read.ts";
import { sm2PublicKeyOf } from "../../../crypto/sm2.ts";
import { SealError } from "../../../errors/seal.ts";

/**
 * Before issuing with a seal key: the department's current registered seal key must be the
 * public key of `sealKey`, so that nothing is issued that cannot then be sealed.
 *
 * @throws {SealError} if the key is malformed, the department has no key, or another one.
 */
export async function checkSealKey(client: OneWindowClient, departmentId: number, sealKey: Hex): Promise<void> {
  const publicKey = sm2PublicKeyOf(sealKey);
  const keys = await readContract(client, {
    contract: "DepartmentRegistry",
    functionName: "sealKeys",
    args: [departmentId],
  });
  const current = keys.at(-1);
  if (current === undefined) {
    throw new SealError(
      `department ${departmentId} has no seal key registered: a registrar registers one with setSealKey before sealed issues`,
      `部门 ${departmentId} 尚未在链上登记电子印章公钥：请登记管理员先用 setSealKey 登记，再签发盖章证照。`,
    );
  }
  if (`0x04${current.x.slice(2)}${current.y.slice(2)}`.toLowerCase() !== publicKey) {
    throw new SealError(
      `the seal key given is not department ${departmentId}'s registered seal key #${keys.length - 1}`,
      `所给印章私钥与部门 ${departmentId} 当前登记的电子印章公钥（#${keys.length - 1}）不符。`,
    );
  }
}
