import { isAddress, type Address, type Hex } from "viem";

import { LicenceBatchError, LicenceFieldError } from "../errors/licence.ts";
import { verifyBatchProof } from "./batch.ts";
import {
  LICENCE_FILE_FORMAT,
  LICENCE_FILE_VERSION,
  parseLicenceFile,
  type LicenceBatchProof,
  type LicenceField,
  type LicenceFile,
} from "./format.ts";
import { rememberBuilt } from "./built.ts";
import { fieldLeafHash, licenceRootOfLeaves, newSalt } from "./leaf.ts";
import { HOLDER_FIELD, MAX_LICENCE_FIELDS, Reader } from "./validate.ts";

/** What {@link buildLicence} is given. */
export type BuildLicenceParameters = {
  /** LicenceTypeRegistry type id (uint32, from 1). */
  typeId: number;
  /** Schema version issued under (uint16, from 1). */
  typeVersion: number;
  /** The type version's field names, in schema order (from LicenceTypeRegistry.getVersion). Must include `holder`. */
  fieldNames: readonly string[];
  /** Every field's value but `holder`'s, by name (values as strings). */
  fields: Readonly<Record<string, string>>;
  /** The holder's address: the value of the `holder` field (stored lowercase). */
  holder: Address;
  /** DepartmentRegistry id of the issuing department (uint32, from 1). */
  issuerDepartment: number;
  /** Unix seconds, if the caller wants it in the file; the chain records the real issue time. */
  issuedAt?: number | undefined;
  /** Unix seconds; 0 or absent = never expires. */
  expiresAt?: number | undefined;
  /** Batch membership, if already known (else see `attachBatch`). */
  batch?: LicenceBatchProof | undefined;
  /** Chain the licence will be issued on. */
  chainId?: number | undefined;
  /** LicenceRegistry address. */
  registry?: Address | undefined;
};

/** What {@link buildLicence} returns. */
export type BuildLicenceReturnType = {
  /** The licence id: root of the field tree, to be issued on chain. */
  licenceId: Hex;
  /** The licence file for the holder and the issuer's exchange node. */
  file: LicenceFile;
};

/**
 * Builds a licence: gives every field a fresh random salt, hashes the fields into an OpenZeppelin
 * `StandardMerkleTree` (see `fieldLeafHash`) and returns its root as the licence id with the
 * licence file. The holder's address is the field named `holder`.
 *
 * @throws {LicenceFieldError} naming the field when `fieldNames` has no `holder`, a field of
 * `fields` is not in `fieldNames`, a name of `fieldNames` has no value, or the holder is not an address.
 * @throws {LicenceFormatError} when another parameter is out of range (e.g. `typeId` 0).
 * @throws {LicenceBatchError} when `batch` is given and its proof does not hold.
 *
 * @example
 * import { buildLicence, serializeLicenceFile } from "@onewindow/sdk";
 *
 * const { licenceId, file } = buildLicence({
 *   typeId: 1,
 *   typeVersion: 1,
 *   fieldNames: ["holder", "name", "creditCode", "registeredAddress", "establishedOn"],
 *   fields: {
 *     name: "北京示例科技有限公司",
 *     creditCode: "91110108MA00000000",
 *     registeredAddress: "北京市海淀区中关村大街1号",
 *     establishedOn: "2024-03-01",
 *   },
 *   holder: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
 *   issuerDepartment: 3,
 * });
 * // issue(licenceId, 1, 1, 0) on chain; give serializeLicenceFile(file) to the holder.
 */
export function buildLicence(parameters: BuildLicenceParameters): BuildLicenceReturnType {
  const { typeId, fieldNames, fields, holder } = parameters;

  new Reader("licence file").uint(typeId, "$.typeId", 32, 1);
  checkFieldNames(fieldNames);
  if (!isAddress(holder))
    throw new LicenceFieldError({ field: HOLDER_FIELD, reason: "the holder is not a valid address" });
  const holderValue = holder.toLowerCase();

  for (const name of Object.keys(fields)) {
    if (!fieldNames.includes(name))
      throw new LicenceFieldError({ field: name, reason: "not in the type's fieldNames" });
    if (typeof fields[name] !== "string")
      throw new LicenceFieldError({ field: name, reason: "the value must be a string" });
  }
  if (Object.hasOwn(fields, HOLDER_FIELD) && fields[HOLDER_FIELD]?.toLowerCase() !== holderValue) {
    throw new LicenceFieldError({ field: HOLDER_FIELD, reason: "differs from the holder address given" });
  }

  const values = fieldNames.map((name) => {
    if (name === HOLDER_FIELD) return holderValue;
    const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (value === undefined) throw new LicenceFieldError({ field: name, reason: "no value given" });
    return value;
  });

  const licenceFields: LicenceField[] = fieldNames.map((name, index) => {
    const field = { name, value: values[index] as string, salt: newSalt() };
    return { ...field, leaf: fieldLeafHash(typeId, field.name, field.value, field.salt) };
  });
  const licenceId = licenceRootOfLeaves(licenceFields.map((field) => field.leaf));

  if (parameters.batch !== undefined && !verifyBatchProof(parameters.batch.root, licenceId, parameters.batch.proof)) {
    throw new LicenceBatchError({
      reason: `the proof does not put licence ${licenceId} in batch ${parameters.batch.root}`,
    });
  }

  // parseLicenceFile validates the numbers and normalises the result.
  const file = parseLicenceFile({
    format: LICENCE_FILE_FORMAT,
    version: LICENCE_FILE_VERSION,
    typeId,
    typeVersion: parameters.typeVersion,
    licenceId,
    issuerDepartment: parameters.issuerDepartment,
    issuedAt: parameters.issuedAt,
    expiresAt: parameters.expiresAt ?? 0,
    chainId: parameters.chainId,
    registry: parameters.registry,
    fieldNames: [...fieldNames],
    fields: licenceFields,
    batch: parameters.batch,
  });
  rememberBuilt(file);
  return { licenceId, file };
}

/** Throws a {@link LicenceFieldError} unless the names are 1..128, non-empty, unique and include `holder`. */
function checkFieldNames(fieldNames: readonly string[]): void {
  if (fieldNames.length === 0 || fieldNames.length > MAX_LICENCE_FIELDS) {
    throw new LicenceFieldError({
      reason: `a licence type has 1 to ${MAX_LICENCE_FIELDS} fields, got ${fieldNames.length}`,
    });
  }
  const seen = new Set<string>();
  for (const name of fieldNames) {
    if (typeof name !== "string" || name.length === 0) throw new LicenceFieldError({ reason: "a field name is empty" });
    if (seen.has(name)) throw new LicenceFieldError({ field: name, reason: "appears twice in fieldNames" });
    seen.add(name);
  }
  if (!seen.has(HOLDER_FIELD)) {
    throw new LicenceFieldError({
      field: HOLDER_FIELD,
      reason: `the type's fieldNames have no "${HOLDER_FIELD}" field for the holder's address`,
    });
  }
}
