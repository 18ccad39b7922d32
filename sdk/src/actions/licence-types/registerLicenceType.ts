import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import type { Level } from "../../chain/enums.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";

/** Longest licence type code, in bytes (LicenceTypeRegistry.MAX_CODE_LENGTH). */
export const MAX_LICENCE_TYPE_CODE_BYTES = 48;
/** Longest licence type name, in UTF-8 bytes (LicenceTypeRegistry.MAX_NAME_LENGTH). */
export const MAX_LICENCE_TYPE_NAME_BYTES = 128;

/** Most issuers of one version (LicenceTypeRegistry.MAX_ISSUERS). */
export const MAX_LICENCE_TYPE_ISSUERS = 64;

/** A version of a licence type's schema, as a registrar gives it. */
export type LicenceTypeVersionInput = {
  /** National, municipal or district. */
  level: Level;
  /** Seconds from issue to expiry; 0 = no expiry (uint32). */
  defaultValidity: number;
  /** Field names in schema order (bit i of a field mask is `fieldNames[i]`); must include `holder`. */
  fieldNames: readonly string[];
  /** DepartmentRegistry ids of the departments authorised to issue under this version. */
  issuers: readonly number[];
};

export type RegisterLicenceTypeParameters = LicenceTypeVersionInput & {
  /** Short unique code, e.g. `"BUSINESS_LICENCE"` (1..48 UTF-8 bytes). */
  code: string;
  /** Name, e.g. `"营业执照 Business licence"` (1..128 UTF-8 bytes). */
  name: string;
};

export type RegisterLicenceTypeReturnType = { typeId: number; hash: Hash };

/**
 * Registers a licence type with its version 1 (REGISTRAR role). The input is checked first: an
 * {@link InvalidParameterError} names the bad parameter and nothing is sent.
 *
 * @example
 * const { typeId } = await registerLicenceType(registrar, {
 *   code: "BUSINESS_LICENCE",
 *   name: "营业执照 Business licence",
 *   level: Level.District,
 *   defaultValidity: 0,
 *   fieldNames: ["holder", "name", "creditCode", "registeredAddress"],
 *   issuers: [samrId],
 * });
 */
export async function registerLicenceType(
  client: OneWindowClient,
  parameters: RegisterLicenceTypeParameters,
): Promise<RegisterLicenceTypeReturnType> {
  const check = new Check("registerLicenceType");
  const code = check.text("code", parameters.code, { maxBytes: MAX_LICENCE_TYPE_CODE_BYTES });
  const name = check.text("name", parameters.name, { maxBytes: MAX_LICENCE_TYPE_NAME_BYTES });
  const version = versionInput(check, parameters);
  const result = await writeContract(client, {
    contract: "LicenceTypeRegistry",
    functionName: "registerType",
    args: [code, name, version],
  });
  return { typeId: eventOf(result, "LicenceTypeRegistered").args.typeId, hash: result.hash };
}

/** The checked `VersionInput` struct of a new type or version. */
export function versionInput(check: Check, input: LicenceTypeVersionInput) {
  return {
    level: check.level("level", input.level),
    defaultValidity: check.uint("defaultValidity", input.defaultValidity, 32),
    fieldNames: check.fieldNames("fieldNames", input.fieldNames),
    issuers: check.departmentIds("issuers", input.issuers, { max: MAX_LICENCE_TYPE_ISSUERS }),
  };
}
