import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

export type GetSealKeysParameters = { departmentId: number };

/** One key of a department's seal-key history. */
export type SealKey = {
  /** Its number in the history (from 0). */
  index: number;
  /** 65 bytes, 0x04 ‖ x ‖ y. */
  publicKey: Hex;
  /** Unix seconds from which it seals (until the next key's). */
  since: number;
  /** Block of its registration. */
  sinceBlock: bigint;
};

export type GetSealKeysReturnType = SealKey[];

/**
 * A department's national-seal keys, oldest first (empty if it registered none).
 *
 * @example
 * const keys = await getSealKeys(client, { departmentId });
 * const current = keys.at(-1);
 */
export async function getSealKeys(
  client: OneWindowClient,
  parameters: GetSealKeysParameters,
): Promise<GetSealKeysReturnType> {
  const departmentId = new Check("getSealKeys").departmentId("departmentId", parameters.departmentId);
  const keys = await readContract(client, {
    contract: "DepartmentRegistry",
    functionName: "sealKeys",
    args: [departmentId],
  });
  return keys.map((key, index) => ({
    index,
    publicKey: `0x04${key.x.slice(2)}${key.y.slice(2)}` as Hex,
    since: key.since,
    sinceBlock: key.sinceBlock,
  }));
}
