import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { parseSm2PrivateKey, sm2PublicKeyOf } from "../../crypto/sm2.ts";
import { LicenceIntegrityError } from "../../errors/licence.ts";
import { SealError } from "../../errors/seal.ts";
import { checkLicenceFile } from "../../licence/check.ts";
import { parseLicenceFile, type LicenceFile } from "../../licence/format.ts";
import { describeRecordMismatch, recordMismatches, withIssueTimes } from "../../licence/record.ts";
import { sealLicenceFile } from "../../licence/seal.ts";
import { getIssuedLicenceFile } from "./getIssuedLicenceFile.ts";

export type SealLicenceParameters = {
  /** The licence file as built or as issued (its times are taken from the chain). */
  file: LicenceFile;
  /** The issuing department's SM2 seal private key (its public key registered with `setSealKey`). */
  privateKey: Hex;
};

/** The licence file as the chain issued it, sealed. */
export type SealLicenceReturnType = LicenceFile;

/**
 * Seals an issued licence with its department's national electronic seal (docs/seal.md): the
 * file's issue and expiry times become the chain's record's, and the seal is the SM2 signature of
 * what the file commits to, by the key the department had registered at the licence's issue time.
 *
 * @throws {LicenceNotIssuedError} if the licence is not on chain (yet).
 * @throws {LicenceIntegrityError} if the file is not the licence the chain issued.
 * @throws {SealError} if the department had no seal key registered at issue time, or `privateKey`
 * is not that key.
 *
 * @example
 * const { hash } = await issueLicence(officer, { file });
 * await waitForTransactionReceipt(officer, { hash });
 * const sealed = await sealLicence(officer, { file, privateKey: departmentSealKey });
 * // give serializeLicenceFile(sealed) to the holder
 */
export async function sealLicence(
  client: OneWindowClient,
  parameters: SealLicenceParameters,
): Promise<SealLicenceReturnType> {
  const [sealed] = await sealLicences(client, { files: [parameters.file], privateKey: parameters.privateKey });
  return sealed!;
}

export type SealLicencesParameters = {
  /** Licence files as built or issued, single or members of batches (any mix). */
  files: readonly LicenceFile[];
  privateKey: Hex;
};

/**
 * Seals every file of a batch issue (or any list of issued licences) as {@link sealLicence} does,
 * reading the chain once per batch (or single licence): the other members of a batch are checked
 * offline (fields, batch proof) and take the batch record's times.
 *
 * @example
 * const { batches } = await issueLicences(officer, { files });
 * const sealed = await sealLicences(officer, { files, privateKey: departmentSealKey });
 */
export async function sealLicences(
  client: OneWindowClient,
  parameters: SealLicencesParameters,
): Promise<LicenceFile[]> {
  const privateKey = parseSm2PrivateKey(parameters.privateKey, "the seal private key");
  const publicKey = sm2PublicKeyOf(privateKey);
  const files = parameters.files.map((file) => parseLicenceFile(file));
  const issuedByRecord = new Map<Hex, Promise<LicenceFile>>();
  const keyIndexAt = new Map<string, Promise<number>>();

  return Promise.all(
    files.map(async (file) => {
      const recordKey = file.batch?.root ?? file.licenceId;
      let first = issuedByRecord.get(recordKey);
      const isFirst = first === undefined;
      if (first === undefined) {
        first = getIssuedLicenceFile(client, { file });
        issuedByRecord.set(recordKey, first);
      }
      const model = await first;
      let issued: LicenceFile;
      if (isFirst) issued = model;
      else {
        const problems = [
          ...checkLicenceFile(file).problems,
          ...recordMismatches(file, model)
            .filter((m) => m.field !== "expiresAt")
            .map((m) => describeRecordMismatch(m)),
        ];
        if (problems.length > 0) throw new LicenceIntegrityError({ problems });
        issued = withIssueTimes(file, { issuedAt: model.issuedAt!, expiresAt: model.expiresAt });
      }
      const at = `${issued.issuerDepartment}@${issued.issuedAt}`;
      let keyIndex = keyIndexAt.get(at);
      if (keyIndex === undefined) {
        keyIndex = keyInForce(client, issued.issuerDepartment, issued.issuedAt!, publicKey);
        keyIndexAt.set(at, keyIndex);
      }
      return sealLicenceFile(issued, { privateKey, keyIndex: await keyIndex });
    }),
  );
}

/** The number of the department's key in force at `issuedAt`, which must be `publicKey`. */
async function keyInForce(
  client: OneWindowClient,
  departmentId: number,
  issuedAt: number,
  publicKey: Hex,
): Promise<number> {
  const [found, index, key] = await readContract(client, {
    contract: "DepartmentRegistry",
    functionName: "sealKeyAt",
    args: [departmentId, issuedAt],
  });
  if (!found) {
    throw new SealError(
      `department ${departmentId} had no seal key registered when it issued the licence: a registrar registers one with setSealKey, then licences issued from then on can be sealed`,
      `部门 ${departmentId} 签发该证照时没有在链上登记电子印章公钥：请登记管理员先用 setSealKey 登记，此后签发的证照才能加盖印章。`,
    );
  }
  const registered = `0x04${key.x.slice(2)}${key.y.slice(2)}`.toLowerCase();
  if (registered !== publicKey) {
    throw new SealError(
      `the private key given is not seal key #${index} that department ${departmentId} had registered when it issued the licence`,
      `所给私钥不是部门 ${departmentId} 签发该证照时登记的电子印章密钥（#${index}）。`,
    );
  }
  return index;
}
