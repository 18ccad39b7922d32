export {
  CREDENTIAL_ALG,
  credentialHeader,
  credentialUrls,
  licenceVc,
  licenceVct,
  SD_JWT_VC_TYP,
  sdJwtInstance,
  signBitstringStatusList,
  signLicenceSdJwt,
  signLicenceVc,
  signStatusListToken,
  STATUS_LIST_TYP,
  VC_JWT_TYP,
  type BitstringStatusListInput,
  type CredentialInput,
  type StatusListTokenInput,
} from "./credential.ts";
export { CredentialExportError, CredentialFormatError } from "../errors/credential.ts";
export { ONEWINDOW_CONTEXT, ONEWINDOW_CONTEXT_PATH, onewindowContextUrl, VC_V2_CONTEXT } from "./context.ts";
export {
  CREDENTIAL_MEDIA_TYPES,
  exportLicenceCredential,
  type CredentialFormat,
  type ExportLicenceCredentialParameters,
  type ExportLicenceCredentialReturnType,
} from "./export.ts";
export {
  addressOfJwk,
  base64url,
  didPkh,
  fromBase64url,
  jwkOfPublicKey,
  signerOfAccount,
  signerOfPrivateKey,
  type CredentialSigner,
  type Secp256k1Jwk,
} from "./jws.ts";
export { batchRankOf, CredentialStatusIndex, type DepartmentStatusList } from "./status-index.ts";
export {
  CredentialStatus,
  encodeBitstringStatusList,
  encodeTokenStatusList,
  MIN_STATUS_LIST_ENTRIES,
  publishedLength,
  TOKEN_STATUS_LIST_BITS,
} from "./status-list.ts";
export {
  detectCredentialFormat,
  parseExportedCredential,
  presentSdJwt,
  verifyExportedCredential,
  type CredentialStatusName,
  type CredentialVerdict,
  type ParsedCredential,
} from "./verify.ts";
