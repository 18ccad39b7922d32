export {
  getIssuedLicenceFile,
  type GetIssuedLicenceFileParameters,
  type GetIssuedLicenceFileReturnType,
} from "./getIssuedLicenceFile.ts";
export { getLicence, type GetLicenceParameters, type GetLicenceReturnType, type LicenceRecord } from "./getLicence.ts";
export {
  getLicenceStatus,
  type GetLicenceStatusParameters,
  type GetLicenceStatusReturnType,
} from "./getLicenceStatus.ts";
export type { LicenceReference } from "./internal/file.ts";
export { issueLicence, type IssueLicenceParameters, type IssueLicenceReturnType } from "./issueLicence.ts";
export {
  DEFAULT_BATCH_SIZE,
  DEFAULT_BATCHES_IN_FLIGHT,
  issueLicences,
  type IssuedBatch,
  type IssueLicencesParameters,
  type IssueLicencesProgress,
  type IssueLicencesReturnType,
} from "./issueLicences.ts";
export {
  recordVerification,
  VerificationResult,
  type RecordVerificationParameters,
  type RecordVerificationReturnType,
} from "./recordVerification.ts";
export { replaceLicence, type ReplaceLicenceParameters, type ReplaceLicenceReturnType } from "./replaceLicence.ts";
export { resumeLicence, type ResumeLicenceParameters, type ResumeLicenceReturnType } from "./resumeLicence.ts";
export { revokeLicence, type RevokeLicenceParameters, type RevokeLicenceReturnType } from "./revokeLicence.ts";
export {
  sealLicence,
  sealLicences,
  type SealLicenceParameters,
  type SealLicenceReturnType,
  type SealLicencesParameters,
} from "./sealLicence.ts";
export { suspendLicence, type SuspendLicenceParameters, type SuspendLicenceReturnType } from "./suspendLicence.ts";
export {
  verifyLicence,
  type VerdictPart,
  type VerdictRecord,
  type VerifyLicenceParameters,
  type VerifyLicenceReturnType,
} from "./verifyLicence.ts";
