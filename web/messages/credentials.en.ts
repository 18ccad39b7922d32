import type { credentialsZh } from "./credentials.zh.ts";

/** Exporting a licence as a W3C VC / SD-JWT VC, and verifying either. */
export const credentialsEn: typeof credentialsZh = {
  export: {
    title: "Export as a verifiable credential",
    intro:
      "Signed by the issuing department, usable by any wallet or verifier that speaks W3C Verifiable Credentials or SD-JWT VC; revocation and suspension reach them through a status list.",
    vc: "Download as W3C VC",
    sdJwt: "Download as SD-JWT VC (fields disclosed one by one)",
    exporting: "Exporting…",
    done: "Downloaded: {file}",
  },
  verify: {
    title: "Verifiable credential",
    formatVc: "W3C Verifiable Credential (vc+jwt)",
    formatSdJwt: "SD-JWT VC",
    valid: "Valid",
    invalid: "Not valid",
    signature: "Signature",
    signatureOk: "The signature holds: signed by an officer of {department}",
    issuer: "Issuer",
    issuerOk: "{department} is the department on chain, authorised to issue “{type}”",
    status: "Status",
    statusValid: "On chain: valid (as of block {block})",
    statusRevoked: "On chain: revoked (as of block {block})",
    statusSuspended: "On chain: suspended (as of block {block})",
    expiry: "Expiry",
    expiryOk: "Not expired",
    expiryNever: "Does not expire",
    expired: "Expired",
    disclosed: "Disclosed fields",
    noneDisclosed: "The holder disclosed no field.",
    holderHidden: "The holder's identity is not disclosed",
    bad: "This is not a valid verifiable credential: {reason}",
  },
};
