export { cancelConsentSignatures, type CancelConsentSignaturesReturnType } from "./cancelConsentSignatures.ts";
export {
  consentIdOf,
  getConsent,
  type ConsentRecord,
  type GetConsentParameters,
  type GetConsentReturnType,
} from "./getConsent.ts";
export { grantConsent, type GrantConsentParameters, type GrantConsentReturnType } from "./grantConsent.ts";
export {
  grantConsents,
  MAX_CONSENTS_PER_TRANSACTION,
  type GrantConsentsParameters,
  type GrantConsentsReturnType,
} from "./grantConsents.ts";
export {
  grantConsentBySig,
  type GrantConsentBySigParameters,
  type GrantConsentBySigReturnType,
} from "./grantConsentBySig.ts";
export { isConsentGranted, type IsConsentGrantedParameters } from "./isConsentGranted.ts";
export { revokeConsent, type RevokeConsentParameters, type RevokeConsentReturnType } from "./revokeConsent.ts";
export { revokeConsents, type RevokeConsentsParameters, type RevokeConsentsReturnType } from "./revokeConsents.ts";
export {
  signConsent,
  type SignConsentParameters,
  type SignConsentReturnType,
  type SignedConsent,
} from "./signConsent.ts";
export {
  CONSENT_DOMAIN_NAME,
  CONSENT_DOMAIN_VERSION,
  CONSENT_TYPE,
  CONSENT_TYPES,
  consentDomain,
  consentTypedData,
  type ConsentData,
  type ConsentDomain,
  type ConsentMessage,
} from "./internal/typedData.ts";
