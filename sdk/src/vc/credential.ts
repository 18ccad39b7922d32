/**
 * Builds and signs exported credentials from a licence and its chain facts, with no chain access:
 * a W3C VC 2.0 secured as `vc+jwt` (W3C VC-JOSE-COSE) and an SD-JWT VC
 * (draft-ietf-oauth-sd-jwt-vc over RFC 9901) whose every licence field is selectively
 * disclosable. Both are signed with ES256K by an officer of the issuing department; the JOSE
 * header carries the officer's public key (`jwk`) and its `did:pkh` (`kid`), which a verifier
 * checks against the DepartmentRegistry (`isOfficer`) and the LicenceTypeRegistry (`isIssuer`).
 */
import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import { sha256 } from "@noble/hashes/sha2.js";
import { getAddress, type Address } from "viem";

import { HOLDER_FIELD, type LicenceFile } from "../licence/format.ts";
import { onewindowContextUrl, trimSlash, VC_V2_CONTEXT } from "./context.ts";
import { base64url, didPkh, jwkOfPublicKey, signCompactJws, signData, type CredentialSigner } from "./jws.ts";

/** `typ` of a W3C VC secured with JOSE (VC-JOSE-COSE §3.1.1). */
export const VC_JWT_TYP = "vc+jwt";
/** `typ` of an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc §3.2.1). */
export const SD_JWT_VC_TYP = "dc+sd-jwt";
/** `typ` of an IETF status list token. */
export const STATUS_LIST_TYP = "statuslist+jwt";
/** The JOSE algorithm of every signature the platform makes. */
export const CREDENTIAL_ALG = "ES256K";

/** What a credential says, besides the fields: the licence's chain facts and status-list place. */
export type CredentialInput = {
  /** The platform's public URL (the exchange), e.g. `https://exchange.haidian.gov.cn`. */
  baseUrl: string;
  chainId: number;
  /** LicenceRegistry address. */
  registry: Address;
  /** The licence (values are taken from its fields; salts stay out of the credential). */
  file: LicenceFile;
  /** Unix seconds, from the chain record. */
  issuedAt: number;
  /** Unix seconds, from the chain record; 0 = never. */
  expiresAt: number;
  /** Index in the issuing department's status list (see `CredentialStatusIndex`). */
  statusIndex: number;
  /** The department's name on chain, for wallets to show. */
  departmentName?: string | undefined;
  /** The licence type's name on chain. */
  typeName?: string | undefined;
};

/** The URLs a credential of department `departmentId` points at. */
export function credentialUrls(baseUrl: string, departmentId: number) {
  const base = trimSlash(baseUrl);
  return {
    /** Issuer identifier (`iss`, `issuer.id`). */
    issuer: `${base}/issuers/${departmentId}`,
    /**
     * SD-JWT VC issuer metadata (draft-ietf-oauth-sd-jwt-vc §4): JWKS of the department's signing
     * keys. The well-known segment goes between the host and the issuer's path, so a base with a
     * path (`https://gov.example/onewindow`) puts it at the host's root.
     */
    issuerMetadata: wellKnownOf(base, `issuers/${departmentId}`),
    /** IETF token status list (2 bits per licence). */
    tokenStatusList: `${base}/status-lists/${departmentId}`,
    /** W3C bitstring status list credential for revocation. */
    revocationList: `${base}/status-lists/${departmentId}/revocation`,
    /** W3C bitstring status list credential for suspension. */
    suspensionList: `${base}/status-lists/${departmentId}/suspension`,
  };
}

/** `<origin>/.well-known/jwt-vc-issuer<base path>/<rest>` for a base URL without trailing slash. */
function wellKnownOf(base: string, rest: string): string {
  const url = new URL(base);
  return `${url.origin}/.well-known/jwt-vc-issuer${url.pathname.replace(/\/+$/, "")}/${rest}`;
}

/** The SD-JWT VC type of a licence type version. */
export function licenceVct(chainId: number, typeId: number, typeVersion: number): string {
  return `urn:onewindow:licence-type:${chainId}:${typeId}:${typeVersion}`;
}

/** The JOSE header every platform signature carries: alg, typ, kid (`did:pkh`…#key) and jwk. */
export function credentialHeader(typ: string, chainId: number, signer: CredentialSigner) {
  return {
    alg: CREDENTIAL_ALG,
    typ,
    kid: `${didPkh(chainId, signer.address)}#blockchainAccountId`,
    jwk: jwkOfPublicKey(signer.publicKey),
  };
}

function holderOf(file: LicenceFile): Address {
  return getAddress(file.fields.find((f) => f.name === HOLDER_FIELD)!.value);
}

function fieldValues(file: LicenceFile): Record<string, string> {
  return Object.fromEntries(file.fields.filter((f) => f.name !== HOLDER_FIELD).map((f) => [f.name, f.value]));
}

function licenceFacts(input: CredentialInput) {
  const { file } = input;
  return {
    licenceId: file.licenceId,
    chainId: input.chainId,
    registry: getAddress(input.registry),
    typeId: file.typeId,
    typeVersion: file.typeVersion,
    ...(input.typeName === undefined ? {} : { typeName: input.typeName }),
    issuerDepartment: file.issuerDepartment,
    ...(input.departmentName === undefined ? {} : { issuerDepartmentName: input.departmentName }),
    ...(file.batch === undefined ? {} : { batchRoot: file.batch.root }),
  };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

/** The unsigned W3C VC 2.0 of a licence (what the `vc+jwt` payload holds). */
export function licenceVc(input: CredentialInput): Record<string, unknown> {
  const { file, chainId } = input;
  const urls = credentialUrls(input.baseUrl, file.issuerDepartment);
  const index = String(input.statusIndex);
  return {
    "@context": [VC_V2_CONTEXT, onewindowContextUrl(input.baseUrl)],
    id: `urn:onewindow:licence:${chainId}:${file.licenceId}`,
    type: ["VerifiableCredential", "OneWindowLicence"],
    issuer: { id: urls.issuer, ...(input.departmentName === undefined ? {} : { name: input.departmentName }) },
    validFrom: iso(input.issuedAt),
    ...(input.expiresAt === 0 ? {} : { validUntil: iso(input.expiresAt) }),
    credentialSubject: {
      id: didPkh(chainId, holderOf(file)),
      licence: licenceFacts(input),
      fields: fieldValues(file),
    },
    credentialStatus: [
      {
        id: `${urls.revocationList}#${index}`,
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: index,
        statusListCredential: urls.revocationList,
      },
      {
        id: `${urls.suspensionList}#${index}`,
        type: "BitstringStatusListEntry",
        statusPurpose: "suspension",
        statusListIndex: index,
        statusListCredential: urls.suspensionList,
      },
    ],
  };
}

/**
 * Signs a licence as a W3C VC 2.0 secured with JOSE (`vc+jwt`): the payload is the credential,
 * with `iss`, `sub`, `jti`, `iat`, `nbf` and (if it expires) `exp` beside it for JWT libraries.
 *
 * @example
 * const jwt = await signLicenceVc(input, signerOfAccount(account));
 */
export async function signLicenceVc(input: CredentialInput, signer: CredentialSigner): Promise<string> {
  const vc = licenceVc(input);
  const payload = {
    ...vc,
    iss: (vc.issuer as { id: string }).id,
    sub: (vc.credentialSubject as { id: string }).id,
    jti: vc.id,
    iat: input.issuedAt,
    nbf: input.issuedAt,
    ...(input.expiresAt === 0 ? {} : { exp: input.expiresAt }),
  };
  return signCompactJws(credentialHeader(VC_JWT_TYP, input.chainId, signer), payload, signer);
}

/** The SD-JWT library configured with the platform's hash (sha-256), salts and ES256K signer. */
export function sdJwtInstance(signer?: CredentialSigner): SDJwtVcInstance {
  return new SDJwtVcInstance({
    hasher: (data: string | ArrayBuffer) =>
      sha256(typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data)),
    hashAlg: "sha-256",
    saltGenerator: (length: number) => base64url(crypto.getRandomValues(new Uint8Array(length))),
    signAlg: CREDENTIAL_ALG,
    ...(signer === undefined ? {} : { signer: (data: string) => signData(data, signer) }),
  });
}

/**
 * Signs a licence as an SD-JWT VC. Always disclosed: `iss`, `vct`, `iat`, `nbf`, `exp`,
 * `status` and `onewindow` (chain id, registry, type, type version, issuing department: what a
 * verifier checks on chain). Selectively disclosable, each on its own: `sub` (the holder's
 * `did:pkh`), `onewindow.licence_id`, and every field under `fields`.
 *
 * @example
 * const sdJwt = await signLicenceSdJwt(input, signerOfAccount(account));
 */
export async function signLicenceSdJwt(input: CredentialInput, signer: CredentialSigner): Promise<string> {
  const { file, chainId } = input;
  const urls = credentialUrls(input.baseUrl, file.issuerDepartment);
  const fields = fieldValues(file);
  const payload = {
    iss: urls.issuer,
    vct: licenceVct(chainId, file.typeId, file.typeVersion),
    iat: input.issuedAt,
    nbf: input.issuedAt,
    ...(input.expiresAt === 0 ? {} : { exp: input.expiresAt }),
    sub: didPkh(chainId, holderOf(file)),
    status: { status_list: { idx: input.statusIndex, uri: urls.tokenStatusList } },
    onewindow: {
      chain_id: chainId,
      registry: getAddress(input.registry),
      type_id: file.typeId,
      type_version: file.typeVersion,
      ...(input.typeName === undefined ? {} : { type_name: input.typeName }),
      issuer_department: file.issuerDepartment,
      ...(input.departmentName === undefined ? {} : { issuer_department_name: input.departmentName }),
      licence_id: file.licenceId,
      ...(file.batch === undefined ? {} : { batch_root: file.batch.root }),
    },
    fields,
  };
  const frame = { _sd: ["sub"], onewindow: { _sd: ["licence_id"] }, fields: { _sd: Object.keys(fields) } };
  const header = credentialHeader(SD_JWT_VC_TYP, chainId, signer);
  return sdJwtInstance(signer).issue(payload, frame as never, {
    header: { typ: header.typ, kid: header.kid, jwk: header.jwk },
  });
}

/** What {@link signStatusListToken} needs. */
export type StatusListTokenInput = {
  baseUrl: string;
  chainId: number;
  departmentId: number;
  /** The `status_list` claim (`encodeTokenStatusList`). */
  statusList: { bits: 2; lst: string };
  /** Unix seconds: the block's timestamp the list was built at. */
  issuedAt: number;
  /** Seconds a verifier may cache it (`ttl`). */
  ttl: number;
  /** Block number the list reflects (private claim `block`). */
  blockNumber: bigint;
};

/** Signs an IETF status list token (`statuslist+jwt`) for a department. */
export async function signStatusListToken(input: StatusListTokenInput, signer: CredentialSigner): Promise<string> {
  const urls = credentialUrls(input.baseUrl, input.departmentId);
  return signCompactJws(
    credentialHeader(STATUS_LIST_TYP, input.chainId, signer),
    {
      iss: urls.issuer,
      sub: urls.tokenStatusList,
      iat: input.issuedAt,
      ttl: input.ttl,
      block: Number(input.blockNumber),
      status_list: input.statusList,
    },
    signer,
  );
}

/** What {@link signBitstringStatusList} needs. */
export type BitstringStatusListInput = Omit<StatusListTokenInput, "statusList"> & {
  purpose: "revocation" | "suspension";
  /** `encodeBitstringStatusList` of that purpose. */
  encodedList: string;
};

/** Signs a W3C BitstringStatusListCredential as `vc+jwt`. */
export async function signBitstringStatusList(
  input: BitstringStatusListInput,
  signer: CredentialSigner,
): Promise<string> {
  const urls = credentialUrls(input.baseUrl, input.departmentId);
  const id = input.purpose === "revocation" ? urls.revocationList : urls.suspensionList;
  const credential = {
    "@context": [VC_V2_CONTEXT],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: urls.issuer,
    validFrom: iso(input.issuedAt),
    validUntil: iso(input.issuedAt + input.ttl),
    credentialSubject: {
      id: `${id}#list`,
      type: "BitstringStatusList",
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
      ttl: input.ttl * 1000,
    },
  };
  return signCompactJws(
    credentialHeader(VC_JWT_TYP, input.chainId, signer),
    { ...credential, iss: urls.issuer, jti: id, iat: input.issuedAt, block: Number(input.blockNumber) },
    signer,
  );
}
