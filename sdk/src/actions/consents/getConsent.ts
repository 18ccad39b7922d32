import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

export type GetConsentParameters =
  { consentId: Hex } | { holder: Address; departmentId: number; licenceId: Hex; purpose: Hex };

/** A stored consent. */
export type ConsentRecord = {
  consentId: Hex;
  /** Fields granted. */
  fieldMask: bigint;
  /** Unix seconds. */
  grantedAt: number;
  /** Unix seconds. */
  expiresAt: number;
  /** Revoked by the holder. */
  revoked: boolean;
};

/** The stored consent, or `undefined` if none was ever granted. */
export type GetConsentReturnType = ConsentRecord | undefined;

/**
 * The deterministic id of a consent, as `ConsentRegistry.consentId`:
 * `keccak256(abi.encode(holder, departmentId, licenceId, purpose))`.
 *
 * @example
 * const id = consentIdOf({ holder, departmentId, licenceId, purpose });
 */
export function consentIdOf(parameters: { holder: Address; departmentId: number; licenceId: Hex; purpose: Hex }): Hex {
  const check = new Check("consentIdOf");
  return keccak256(
    encodeAbiParameters(
      [{ type: "address" }, { type: "uint32" }, { type: "bytes32" }, { type: "bytes32" }],
      [
        check.address("holder", parameters.holder),
        check.departmentId("departmentId", parameters.departmentId),
        check.bytes32("licenceId", parameters.licenceId),
        check.bytes32("purpose", parameters.purpose),
      ],
    ),
  );
}

/**
 * A stored consent, by id or by its holder, department, licence and purpose. `undefined` if none
 * was ever granted (a revoked or expired one is returned, with `revoked` / `expiresAt`).
 *
 * @example
 * const consent = await getConsent(client, { holder, departmentId, licenceId, purpose });
 */
export async function getConsent(
  client: OneWindowClient,
  parameters: GetConsentParameters,
): Promise<GetConsentReturnType> {
  const consentId =
    "consentId" in parameters
      ? new Check("getConsent").bytes32("consentId", parameters.consentId)
      : consentIdOf(parameters);
  const consent = await readContract(client, {
    contract: "ConsentRegistry",
    functionName: "getConsent",
    args: [consentId],
  });
  if (consent.grantedAt === 0) return undefined;
  return {
    consentId,
    fieldMask: consent.fieldMask,
    grantedAt: consent.grantedAt,
    expiresAt: consent.expiresAt,
    revoked: consent.revoked,
  };
}
