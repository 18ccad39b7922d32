import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import type { LicenceFile } from "../../licence/format.ts";
import { checkedFileFor, checkIssuerDepartment } from "./internal/file.ts";
import { checkSealKey } from "./internal/seal.ts";
import { sealLicence } from "./sealLicence.ts";
import { Check } from "../../utils/input.ts";

export type IssueLicenceParameters = {
  /** The licence file from `buildLicence`: its id, type id, type version and expiry are issued. */
  file: LicenceFile;
  /**
   * The department's SM2 seal private key: when given, the issued file is sealed (docs/seal.md)
   * and returned as `file`. It is checked against the department's current registered key first.
   */
  sealKey?: Hex | undefined;
};

export type IssueLicenceReturnType = {
  licenceId: Hex;
  hash: Hash;
  /** With `sealKey`: the file as issued (the chain's times), sealed; give it to the holder. */
  file?: LicenceFile;
};

/**
 * Issues one licence for the signing officer's department: only the licence id (the root of the
 * field tree) goes on chain, with the type, type version and expiry the file names; no field value.
 * The file is checked first (shape, integrity, chain, issuing department): nothing is sent if it
 * is wrong.
 *
 * @throws {LicenceFormatError} for a malformed file; {@link LicenceIntegrityError} if its fields
 * do not match its id; {@link InvalidParameterError} if it is for another chain, registry or
 * department, or already belongs to a batch.
 * @throws {ContractRevertError} e.g. `NotDepartmentOfficer` when the signer is no officer,
 * `LicenceRegistryAlreadyIssued`, `LicenceRegistryInvalidExpiry`.
 *
 * @example
 * const { file } = buildLicence({ typeId, typeVersion: 1, fieldNames, fields, holder, issuerDepartment: samrId });
 * const { licenceId } = await issueLicence(officer, { file });
 * // give serializeLicenceFile(file) to the holder; with the department's seal key, a sealed file:
 * const { file: sealed } = await issueLicence(officer, { file, sealKey });
 */
export async function issueLicence(
  client: OneWindowClient,
  parameters: IssueLicenceParameters,
): Promise<IssueLicenceReturnType> {
  const check = new Check("issueLicence");
  const file = checkedFileFor(client, check, parameters.file);
  if (file.batch !== undefined) {
    check.fail(
      "file.batch",
      "the licence belongs to a batch: issue its batch with issueLicences",
      "该证照属于批次，请批量发证",
    );
  }
  await checkIssuerDepartment(client, check, file.issuerDepartment);
  if (parameters.sealKey !== undefined) await checkSealKey(client, file.issuerDepartment, parameters.sealKey);
  const result = await writeContract(client, {
    contract: "LicenceRegistry",
    functionName: "issue",
    args: [file.licenceId, file.typeId, file.typeVersion, file.expiresAt],
  });
  const licenceId = eventOf(result, "LicenceIssued").args.licenceId;
  if (parameters.sealKey === undefined) return { licenceId, hash: result.hash };
  const sealed = await sealLicence(client, { file, privateKey: parameters.sealKey });
  return { licenceId, hash: result.hash, file: sealed };
}
