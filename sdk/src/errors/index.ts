export { OneWindowError, type OneWindowErrorMessages, type OneWindowErrorParameters } from "./base.ts";
export {
  InvalidMultiproofError,
  LicenceBatchError,
  LicenceFieldError,
  LicenceFormatError,
  LicenceIntegrityError,
  RestrictionSubjectError,
  type LicenceDocumentKind,
  type LicenceFieldErrorParameters,
  type LicenceFormatErrorParameters,
} from "./licence.ts";
