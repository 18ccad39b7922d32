import type { OneWindowClient } from "../../chain/client.ts";
import type { Level } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

/** One version of a licence type's schema. */
export type LicenceTypeVersion = {
  version: number;
  level: Level;
  /** Unix seconds. */
  publishedAt: number;
  /** Seconds from issue to expiry; 0 = no expiry. */
  defaultValidity: number;
  /** Field names in schema order: bit i of a field mask is `fieldNames[i]`. */
  fieldNames: string[];
  /** Departments authorised to issue under this version. */
  issuers: number[];
};

/** A licence type with one of its versions (the current one unless another was asked for). */
export type LicenceType = {
  typeId: number;
  code: string;
  name: string;
  /** Latest published version. */
  currentVersion: number;
  /** Unix seconds; 0 while active. */
  deactivatedAt: number;
  active: boolean;
  /** The version asked for (default: the current one), with its field names. */
  version: LicenceTypeVersion;
};

export type GetLicenceTypeParameters = {
  typeId: number;
  /** Which version to include (default: the current one). */
  version?: number | undefined;
};

export type GetLicenceTypeReturnType = LicenceType;

/**
 * A licence type with its current version's schema (field names, level, issuers, validity), or
 * the version asked for.
 *
 * @throws {ContractRevertError} `LicenceTypeRegistryUnknownType` / `…UnknownVersion`.
 *
 * @example
 * const { version: { fieldNames, version } } = await getLicenceType(client, { typeId });
 * buildLicence({ typeId, typeVersion: version, fieldNames, fields, holder, issuerDepartment });
 */
export async function getLicenceType(
  client: OneWindowClient,
  parameters: GetLicenceTypeParameters,
): Promise<GetLicenceTypeReturnType> {
  const check = new Check("getLicenceType");
  const typeId = check.uint("typeId", parameters.typeId, 32, 1);
  const asked = parameters.version === undefined ? undefined : check.uint("version", parameters.version, 16, 1);
  const [type, askedVersion] = await Promise.all([
    readContract(client, { contract: "LicenceTypeRegistry", functionName: "getType", args: [typeId] }),
    asked === undefined
      ? undefined
      : readContract(client, { contract: "LicenceTypeRegistry", functionName: "getVersion", args: [typeId, asked] }),
  ]);
  const versionNumber = asked ?? type.currentVersion;
  const v =
    askedVersion ??
    (await readContract(client, {
      contract: "LicenceTypeRegistry",
      functionName: "getVersion",
      args: [typeId, versionNumber],
    }));
  return {
    typeId,
    code: type.code,
    name: type.name,
    currentVersion: type.currentVersion,
    deactivatedAt: type.deactivatedAt,
    active: type.deactivatedAt === 0,
    version: {
      version: versionNumber,
      level: v.level as Level,
      publishedAt: v.publishedAt,
      defaultValidity: v.defaultValidity,
      fieldNames: [...v.fieldNames],
      issuers: [...v.issuers],
    },
  };
}
