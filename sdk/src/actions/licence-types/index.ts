export {
  deactivateLicenceType,
  type DeactivateLicenceTypeParameters,
  type DeactivateLicenceTypeReturnType,
} from "./deactivateLicenceType.ts";
export {
  getLicenceType,
  type GetLicenceTypeParameters,
  type GetLicenceTypeReturnType,
  type LicenceType,
  type LicenceTypeVersion,
} from "./getLicenceType.ts";
export {
  getLicenceTypeByCode,
  type GetLicenceTypeByCodeParameters,
  type GetLicenceTypeByCodeReturnType,
} from "./getLicenceTypeByCode.ts";
export {
  listLicenceTypes,
  type ListLicenceTypesParameters,
  type ListLicenceTypesReturnType,
} from "./listLicenceTypes.ts";
export {
  publishLicenceTypeVersion,
  type PublishLicenceTypeVersionParameters,
  type PublishLicenceTypeVersionReturnType,
} from "./publishLicenceTypeVersion.ts";
export {
  MAX_LICENCE_TYPE_CODE_BYTES,
  MAX_LICENCE_TYPE_ISSUERS,
  MAX_LICENCE_TYPE_NAME_BYTES,
  registerLicenceType,
  type LicenceTypeVersionInput,
  type RegisterLicenceTypeParameters,
  type RegisterLicenceTypeReturnType,
} from "./registerLicenceType.ts";
