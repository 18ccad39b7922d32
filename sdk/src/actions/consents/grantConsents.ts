import { encodeFunctionData, type Hash, type Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventsOf, writeContract } from "../../chain/write.ts";
import { consentRegistryAbi } from "../../generated/abis.ts";
import { Check } from "../../utils/input.ts";
import { consentData } from "./internal/consentData.ts";
import type { ConsentData } from "./internal/typedData.ts";

/** Most consents granted in one transaction. */
export const MAX_CONSENTS_PER_TRANSACTION = 64;

export type GrantConsentsParameters = {
  /** The grants: at most one per department, licence and purpose. */
  consents: readonly ConsentData[];
};

export type GrantConsentsReturnType = {
  /** The consents' ids, in the order given. */
  consentIds: Hex[];
  hash: Hash;
};

/**
 * The holder (the signing account) grants several consents in ONE transaction, so one wallet
 * signature: e.g. every department of an application that reads fields of the presented licences,
 * with the application id (`getNextApplicationId` before submitting) as purpose. The grants go
 * through `ConsentRegistry.multicall`, all or none: if one is refused, none is granted. Only masks,
 * ids and times go on chain.
 *
 * @throws {InvalidParameterError} for an empty list, more than {@link MAX_CONSENTS_PER_TRANSACTION},
 * a malformed grant (naming `consents[i]`) or the same department, licence and purpose twice;
 * nothing is sent.
 * @throws {ContractRevertError} e.g. `ConsentRegistryInvalidExpiry`.
 *
 * @example
 * const purpose = await getNextApplicationId(applicant, { applicant: applicant.account.address, matterId });
 * const { consentIds } = await grantConsents(applicant, {
 *   consents: [
 *     { departmentId: culture, licenceId: businessLicence.licenceId, fieldMask: 0b110n, purpose, expiresAt },
 *     { departmentId: fire, licenceId: premises.licenceId, fieldMask: 0b10010n, purpose, expiresAt },
 *   ],
 * });
 */
export async function grantConsents(
  client: OneWindowClient,
  parameters: GrantConsentsParameters,
): Promise<GrantConsentsReturnType> {
  const check: Check = new Check("grantConsents");
  const given = parameters?.consents as readonly ConsentData[] | undefined;
  if (given === undefined || !Array.isArray(given) || given.length === 0) {
    check.fail("consents", "expected at least one consent", "至少需要一项授权");
  }
  if (given.length > MAX_CONSENTS_PER_TRANSACTION) {
    check.fail(
      "consents",
      `at most ${MAX_CONSENTS_PER_TRANSACTION} consents per transaction, got ${given.length}: split them`,
      `每笔交易最多 ${MAX_CONSENTS_PER_TRANSACTION} 项授权，请分开授权`,
    );
  }
  const seen = new Set<string>();
  const consents = given.map((item, index) => {
    const data = consentData(check, item, `consents[${index}].`);
    const key = `${data.departmentId}/${data.licenceId}/${data.purpose}`;
    if (seen.has(key)) {
      check.fail(
        `consents[${index}]`,
        "the same department, licence and purpose appear twice: merge their field masks",
        "同一部门、证照和用途重复出现：请合并字段",
      );
    }
    seen.add(key);
    return data;
  });
  const result = await writeContract(client, {
    contract: "ConsentRegistry",
    functionName: "multicall",
    args: [
      consents.map((data) => encodeFunctionData({ abi: consentRegistryAbi, functionName: "grant", args: [data] })),
    ],
  });
  const granted = eventsOf(result, "ConsentGranted");
  return { consentIds: granted.map((e) => e.args.consentId), hash: result.hash };
}
