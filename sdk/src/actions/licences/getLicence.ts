import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import type { LicenceState } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { Check, ZERO_BYTES32 } from "../../utils/input.ts";

/** A licence's or batch root's record on chain. */
export type LicenceRecord = {
  licenceId: Hex;
  /** LicenceTypeRegistry type id. */
  typeId: number;
  /** Schema version issued under. */
  typeVersion: number;
  /** DepartmentRegistry id of the issuing department. */
  issuerDepartment: number;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds; 0 = never expires. */
  expiresAt: number;
  /** What was recorded (issued, suspended, revoked); the status now also depends on expiry. */
  state: LicenceState;
  /** True for a batch root. */
  isBatch: boolean;
  /** True for a batch member's own record (made at its first status change). */
  isBatchMember: boolean;
  /** The licence that replaced this one, if any. */
  replacedBy: Hex | undefined;
};

export type GetLicenceParameters = { licenceId: Hex };

/** The record, or `undefined` if nothing was issued under this id. */
export type GetLicenceReturnType = LicenceRecord | undefined;

/**
 * The stored record of a licence or batch root, with the licence that replaced it. An untouched
 * batch member has no record of its own: ask for its batch root, or use {@link getLicenceStatus}.
 *
 * @example
 * const record = await getLicence(client, { licenceId: file.licenceId });
 */
export async function getLicence(
  client: OneWindowClient,
  parameters: GetLicenceParameters,
): Promise<GetLicenceReturnType> {
  const licenceId = new Check("getLicence").bytes32("licenceId", parameters.licenceId, { nonZero: true });
  const [record, replacedBy] = await Promise.all([
    readContract(client, { contract: "LicenceRegistry", functionName: "getLicence", args: [licenceId] }),
    readContract(client, { contract: "LicenceRegistry", functionName: "replacedBy", args: [licenceId] }),
  ]);
  if (record.state === 0) return undefined;
  return {
    licenceId,
    typeId: record.typeId,
    typeVersion: record.typeVersion,
    issuerDepartment: record.issuerDepartment,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    state: record.state as LicenceState,
    isBatch: record.isBatch,
    isBatchMember: record.isBatchMember,
    replacedBy: replacedBy === ZERO_BYTES32 ? undefined : replacedBy,
  };
}
