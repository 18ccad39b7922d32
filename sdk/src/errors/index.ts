export { OneWindowError, type OneWindowErrorMessages, type OneWindowErrorParameters } from "./base.ts";
export {
  InvalidMultiproofError,
  LicenceBatchError,
  LicenceFieldError,
  LicenceFormatError,
  LicenceIntegrityError,
  LicenceNotIssuedError,
  RestrictionSubjectError,
  type LicenceDocumentKind,
  type LicenceFieldErrorParameters,
  type LicenceFormatErrorParameters,
} from "./licence.ts";
export { IssueLicencesError } from "./issue.ts";
export { ApplicationWaitError, statusName, UnknownApplicationError } from "./application.ts";
export {
  CalendarArgumentError,
  CalendarDataError,
  CalendarYearNotLoadedError,
  MatterStepsError,
  type CalendarArgumentKind,
  type CalendarDataErrorParameters,
  type MatterStepsErrorParameters,
} from "./calendar.ts";
export { DeploymentError } from "./deployment.ts";
export { EciesError } from "./ecies.ts";
export { SealError } from "./seal.ts";
export { InvalidParameterError, type InvalidParameterErrorParameters } from "./parameter.ts";
export { InsufficientFundsError, TransactionLostError, type TransactionLostReason } from "./sending.ts";
export { PresentationError } from "./presentation.ts";
export {
  CredentialExportError,
  CredentialFormatError,
  type CredentialDocumentKind,
  type CredentialExportErrorReason,
  type CredentialFormatErrorParameters,
} from "./credential.ts";
