import { encodeFunctionData, type Hash, type Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventsOf, writeContract } from "../../chain/write.ts";
import { consentRegistryAbi } from "../../generated/abis.ts";
import { Check } from "../../utils/input.ts";
import { MAX_CONSENTS_PER_TRANSACTION } from "./grantConsents.ts";
import type { RevokeConsentParameters } from "./revokeConsent.ts";

export type RevokeConsentsParameters = {
  /** The consents to revoke (the signer's own): department, licence and purpose of each. */
  consents: readonly RevokeConsentParameters[];
};

export type RevokeConsentsReturnType = {
  /** The revoked consents' ids, in the order given. */
  consentIds: Hex[];
  hash: Hash;
};

/**
 * The holder (the signing account) revokes several of their consents in ONE transaction, so one
 * wallet signature, through `ConsentRegistry.multicall` (each call is `revoke`, as the holder):
 * all or none, so if one is not an unrevoked consent of the signer, none is revoked. From the next
 * block on, the exchange refuses every read under them.
 *
 * @throws {InvalidParameterError} for an empty list, more than {@link MAX_CONSENTS_PER_TRANSACTION},
 * a malformed item (naming `consents[i]`) or the same consent twice; nothing is sent.
 * @throws {ContractRevertError} `ConsentRegistryUnknownConsent` naming a consent that is not the
 * signer's or is already revoked.
 *
 * @example
 * await revokeConsents(holder, {
 *   consents: [
 *     { departmentId: power, licenceId, purpose: applicationId },
 *     { departmentId: fire, licenceId: premisesId, purpose: applicationId },
 *   ],
 * });
 */
export async function revokeConsents(
  client: OneWindowClient,
  parameters: RevokeConsentsParameters,
): Promise<RevokeConsentsReturnType> {
  const check: Check = new Check("revokeConsents");
  const given = parameters?.consents as readonly RevokeConsentParameters[] | undefined;
  if (given === undefined || !Array.isArray(given) || given.length === 0) {
    check.fail("consents", "expected at least one consent to revoke", "至少需要一项要撤回的授权");
  }
  if (given.length > MAX_CONSENTS_PER_TRANSACTION) {
    check.fail(
      "consents",
      `at most ${MAX_CONSENTS_PER_TRANSACTION} consents per transaction, got ${given.length}: split them`,
      `每笔交易最多撤回 ${MAX_CONSENTS_PER_TRANSACTION} 项授权，请分开撤回`,
    );
  }
  const seen = new Set<string>();
  const calls = given.map((item, index) => {
    const args = [
      check.departmentId(`consents[${index}].departmentId`, item?.departmentId),
      check.bytes32(`consents[${index}].licenceId`, item?.licenceId, { nonZero: true }),
      check.bytes32(`consents[${index}].purpose`, item?.purpose),
    ] as const;
    const key = args.join("/").toLowerCase();
    if (seen.has(key)) {
      check.fail(`consents[${index}]`, "the same consent appears twice", "同一项授权重复出现");
    }
    seen.add(key);
    return encodeFunctionData({ abi: consentRegistryAbi, functionName: "revoke", args });
  });
  const result = await writeContract(client, { contract: "ConsentRegistry", functionName: "multicall", args: [calls] });
  return { consentIds: eventsOf(result, "ConsentRevoked").map((e) => e.args.consentId), hash: result.hash };
}
