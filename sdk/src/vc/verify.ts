/**
 * The platform's own reading of exported credentials (the import path of `/verify` and the CLI):
 * shape, signature, issuer on chain, status from the chain, expiry, and the disclosed fields.
 * Independent verifiers use standard libraries instead (see `docs/credentials.md`).
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { getAddress, type Address, type Hex } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { readContract } from "../chain/read.ts";
import { CredentialFormatError } from "../errors/credential.ts";
import { CREDENTIAL_ALG, SD_JWT_VC_TYP, sdJwtInstance, VC_JWT_TYP } from "./credential.ts";
import {
  addressOfJwk,
  base64url,
  decodeCompactJws,
  fromBase64url,
  verifyData,
  type DecodedJws,
  type Secp256k1Jwk,
} from "./jws.ts";
import { CredentialStatusIndex } from "./status-index.ts";
import { CredentialStatus } from "./status-list.ts";
import type { CredentialFormat } from "./export.ts";

/** What an exported credential says, read and signature-checked but not checked on chain. */
export type ParsedCredential = {
  format: CredentialFormat;
  /** The officer whose key signed (from the header's `jwk`). */
  signer: Address;
  /** `iss`: the department's issuer URL. */
  issuer: string;
  chainId: number;
  registry: Address;
  typeId: number;
  typeVersion: number;
  issuerDepartment: number;
  departmentName: string | undefined;
  typeName: string | undefined;
  /** Licence id, if disclosed. */
  licenceId: Hex | undefined;
  /** Holder `did:pkh`, if disclosed. */
  holder: string | undefined;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds; 0 = never. */
  expiresAt: number;
  statusIndex: number;
  /** The licence fields disclosed (all of them in a W3C VC). */
  fields: Record<string, string>;
};

const TYPES: Record<CredentialFormat, string> = { vc: "W3C VC (vc+jwt)", "sd-jwt": "SD-JWT VC" };

/** `sd-jwt` when the text has SD-JWT's `~` separators, else `vc`. */
export function detectCredentialFormat(text: string): CredentialFormat {
  return text.includes("~") ? "sd-jwt" : "vc";
}

/**
 * Reads an exported credential: the JOSE header (`alg` ES256K, the format's `typ`, a secp256k1
 * `jwk`), the signature against that key, then the claims (disclosures applied for SD-JWT).
 *
 * @throws {CredentialFormatError} naming the bad part: not a JWS, bad base64url or JSON, wrong
 * `typ`/`alg`, no key, a signature that does not verify, a missing or mistyped claim, a bad disclosure.
 *
 * @example
 * const parsed = await parseExportedCredential(text);
 * console.log(parsed.fields);
 */
export async function parseExportedCredential(text: unknown): Promise<ParsedCredential> {
  if (typeof text !== "string" || text.trim() === "") {
    throw new CredentialFormatError({ document: "credential", path: "$", reason: "expected the credential's text" });
  }
  const trimmed = text.trim();
  const format = detectCredentialFormat(trimmed);
  const document = TYPES[format] as "W3C VC (vc+jwt)" | "SD-JWT VC";
  const jws = decodeCompactJws(format === "sd-jwt" ? trimmed.split("~")[0]! : trimmed, document);
  const signer = checkHeader(jws, format === "vc" ? VC_JWT_TYP : SD_JWT_VC_TYP, document);

  let claims: Record<string, unknown>;
  if (format === "vc") {
    claims = jws.payload;
  } else {
    checkDisclosuresReferenced(trimmed, jws.payload);
    try {
      claims = (await sdJwtInstance().getClaims(trimmed)) as Record<string, unknown>;
    } catch (cause) {
      throw new CredentialFormatError({ document, path: "disclosures", reason: messageOf(cause), cause });
    }
  }
  return format === "vc" ? readVc(claims, signer) : readSdJwt(claims, signer);
}

/**
 * RFC 9901 §7.1: every disclosure must decode to a JSON array and its digest must be one of the
 * issuer-signed `_sd` digests; one that is not was altered or added after signing.
 */
function checkDisclosuresReferenced(sdJwt: string, payload: Record<string, unknown>): void {
  const digests = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key === "_sd" && Array.isArray(v)) v.forEach((d) => typeof d === "string" && digests.add(d));
        else collect(v);
      }
    }
  };
  collect(payload);
  const parts = sdJwt.split("~").slice(1, -1);
  parts.forEach((disclosure, i) => {
    let decoded: unknown;
    try {
      decoded = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64url(disclosure)));
    } catch (cause) {
      throw new CredentialFormatError({
        document: "SD-JWT VC",
        path: `disclosures[${i}]`,
        reason: "not base64url-encoded JSON",
        cause,
      });
    }
    if (!Array.isArray(decoded) || (decoded.length !== 3 && decoded.length !== 2)) {
      throw new CredentialFormatError({
        document: "SD-JWT VC",
        path: `disclosures[${i}]`,
        reason: "not a disclosure array",
      });
    }
    if (!digests.has(base64url(sha256(new TextEncoder().encode(disclosure))))) {
      throw new CredentialFormatError({
        document: "SD-JWT VC",
        path: `disclosures[${i}]`,
        reason: "its digest is not among the issuer-signed digests: it was altered or added after signing",
      });
    }
  });
}

function checkHeader(jws: DecodedJws, typ: string, document: "W3C VC (vc+jwt)" | "SD-JWT VC"): Address {
  const { header } = jws;
  if (header.alg !== CREDENTIAL_ALG) {
    throw new CredentialFormatError({
      document,
      path: "header.alg",
      reason: `expected "${CREDENTIAL_ALG}", found ${JSON.stringify(header.alg)}`,
    });
  }
  if (header.typ !== typ) {
    throw new CredentialFormatError({
      document,
      path: "header.typ",
      reason: `expected "${typ}", found ${JSON.stringify(header.typ)}`,
    });
  }
  let signer: Address;
  try {
    signer = addressOfJwk(header.jwk);
  } catch (cause) {
    throw new CredentialFormatError({
      document,
      path: "header.jwk",
      reason: `no usable secp256k1 key (${messageOf(cause)})`,
      cause,
    });
  }
  if (!verifyData(jws.signingInput, jws.signature, header.jwk as Secp256k1Jwk)) {
    throw new CredentialFormatError({
      document,
      path: "signature",
      reason: "the signature does not verify: the credential was altered after signing, or signed by another key",
    });
  }
  return signer;
}

class Read {
  constructor(
    readonly document: "W3C VC (vc+jwt)" | "SD-JWT VC",
    readonly root: Record<string, unknown>,
  ) {}
  fail(path: string, reason: string): never {
    throw new CredentialFormatError({ document: this.document, path, reason });
  }
  at(path: string): unknown {
    let value: unknown = this.root;
    for (const key of path.split(".")) {
      value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value;
  }
  string(path: string, optional = false): string {
    const value = this.at(path);
    if (value === undefined && optional) return undefined as unknown as string;
    if (typeof value !== "string" || value === "") this.fail(`payload.${path}`, "missing or not a string");
    return value;
  }
  int(path: string, optional = false): number {
    const value = this.at(path);
    if (value === undefined && optional) return 0;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      this.fail(`payload.${path}`, "missing or not a non-negative integer");
    }
    return value;
  }
  address(path: string): Address {
    const value = this.string(path);
    if (!/^0x[0-9a-fA-F]{40}$/.test(value)) this.fail(`payload.${path}`, "not an address");
    return getAddress(value);
  }
  fields(path: string): Record<string, string> {
    const value = this.at(path);
    if (value === undefined) return {};
    if (value === null || typeof value !== "object" || Array.isArray(value))
      this.fail(`payload.${path}`, "not an object");
    const out: Record<string, string> = {};
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (name === "_sd") continue;
      if (typeof v !== "string") this.fail(`payload.${path}.${name}`, "not a string");
      out[name] = v;
    }
    return out;
  }
}

function readVc(claims: Record<string, unknown>, signer: Address): ParsedCredential {
  const read = new Read("W3C VC (vc+jwt)", claims);
  const context = claims["@context"];
  if (!Array.isArray(context) || context[0] !== "https://www.w3.org/ns/credentials/v2") {
    read.fail("payload.@context", 'the first context must be "https://www.w3.org/ns/credentials/v2"');
  }
  const types = claims.type;
  if (!Array.isArray(types) || !types.includes("VerifiableCredential") || !types.includes("OneWindowLicence")) {
    read.fail("payload.type", 'expected ["VerifiableCredential", "OneWindowLicence"]');
  }
  const status = claims.credentialStatus;
  if (!Array.isArray(status) || status.length === 0) read.fail("payload.credentialStatus", "missing");
  const index = Number(((status as unknown[])[0] as { statusListIndex?: unknown }).statusListIndex);
  if (!Number.isSafeInteger(index) || index < 0)
    read.fail("payload.credentialStatus[0].statusListIndex", "not an index");
  const licenceId = read.string("credentialSubject.licence.licenceId");
  if (!/^0x[0-9a-f]{64}$/.test(licenceId)) read.fail("payload.credentialSubject.licence.licenceId", "not 32-byte hex");
  return {
    format: "vc",
    signer,
    issuer: read.string("issuer.id"),
    chainId: read.int("credentialSubject.licence.chainId"),
    registry: read.address("credentialSubject.licence.registry"),
    typeId: read.int("credentialSubject.licence.typeId"),
    typeVersion: read.int("credentialSubject.licence.typeVersion"),
    issuerDepartment: read.int("credentialSubject.licence.issuerDepartment"),
    departmentName: read.string("credentialSubject.licence.issuerDepartmentName", true),
    typeName: read.string("credentialSubject.licence.typeName", true),
    licenceId: licenceId as Hex,
    holder: read.string("credentialSubject.id"),
    issuedAt: read.int("iat"),
    expiresAt: read.int("exp", true),
    statusIndex: index,
    fields: read.fields("credentialSubject.fields"),
  };
}

function readSdJwt(claims: Record<string, unknown>, signer: Address): ParsedCredential {
  const read = new Read("SD-JWT VC", claims);
  const licenceId = read.string("onewindow.licence_id", true);
  if (licenceId !== undefined && !/^0x[0-9a-f]{64}$/.test(licenceId))
    read.fail("payload.onewindow.licence_id", "not 32-byte hex");
  read.string("vct");
  read.string("status.status_list.uri");
  return {
    format: "sd-jwt",
    signer,
    issuer: read.string("iss"),
    chainId: read.int("onewindow.chain_id"),
    registry: read.address("onewindow.registry"),
    typeId: read.int("onewindow.type_id"),
    typeVersion: read.int("onewindow.type_version"),
    issuerDepartment: read.int("onewindow.issuer_department"),
    departmentName: read.string("onewindow.issuer_department_name", true),
    typeName: read.string("onewindow.type_name", true),
    licenceId: licenceId as Hex | undefined,
    holder: read.string("sub", true),
    issuedAt: read.int("iat"),
    expiresAt: read.int("exp", true),
    statusIndex: read.int("status.status_list.idx"),
    fields: read.fields("fields"),
  };
}

/** Names of credential statuses as verdicts say them. */
export type CredentialStatusName = "valid" | "revoked" | "suspended";

/** The verdict on an exported credential. */
export type CredentialVerdict = {
  /** Every part holds. */
  valid: boolean;
  credential: ParsedCredential;
  /** The signer is an officer of the department now, and the department may issue the type version. */
  issuer: { ok: boolean; problems: string[] };
  /** Status from the chain's registry events up to `blockNumber`. */
  status: { ok: boolean; status: CredentialStatusName; blockNumber: bigint; problems: string[] };
  /** Not past `exp`. */
  expiry: { ok: boolean; problems: string[] };
};

/**
 * Verifies an exported credential against the chain: parses it (signature included), checks the
 * signer is an officer of the issuing department and that department may issue the type version,
 * reads the status at its index from the registry's events, and checks expiry.
 *
 * @throws {CredentialFormatError} if the credential is malformed or its signature fails.
 *
 * @example
 * const verdict = await verifyExportedCredential(client, text);
 * if (!verdict.valid) show([...verdict.issuer.problems, ...verdict.status.problems, ...verdict.expiry.problems]);
 */
export async function verifyExportedCredential(
  client: OneWindowClient,
  text: string,
  options: { now?: number | undefined; statusIndex?: CredentialStatusIndex | undefined } = {},
): Promise<CredentialVerdict> {
  const credential = await parseExportedCredential(text);
  const issuerProblems: string[] = [];
  if (credential.chainId !== client.chain.id)
    issuerProblems.push(`issued on chain ${credential.chainId}, not this chain (${client.chain.id})`);
  if (credential.registry !== client.addresses.LicenceRegistry)
    issuerProblems.push("names another LicenceRegistry than this deployment's");
  const [isOfficer, isIssuer] = await Promise.all([
    readContract(client, {
      contract: "DepartmentRegistry",
      functionName: "isOfficer",
      args: [credential.issuerDepartment, credential.signer],
    }),
    readContract(client, {
      contract: "LicenceTypeRegistry",
      functionName: "isIssuer",
      args: [credential.typeId, credential.typeVersion, credential.issuerDepartment],
    }),
  ]);
  if (!isOfficer)
    issuerProblems.push(`the signing key ${credential.signer} is not an officer of the issuing department`);
  if (!isIssuer) issuerProblems.push("the issuing department is not authorised for this licence type version");

  const index = options.statusIndex ?? new CredentialStatusIndex(client);
  const blockNumber = await client.public.getBlockNumber({ cacheTime: 0 });
  await index.syncTo(blockNumber);
  // A batch member's own status is read by its licence id when the index lacks the batch's member ids.
  const at = index.statusAt(credential.issuerDepartment, credential.statusIndex, credential.licenceId);
  const code = at ?? CredentialStatus.Valid;
  const status: CredentialStatusName =
    code === CredentialStatus.Revoked ? "revoked" : code === CredentialStatus.Suspended ? "suspended" : "valid";
  const statusProblems =
    at === undefined
      ? ["the status index is beyond the department's issued licences"]
      : status === "valid"
        ? []
        : [`the licence is ${status} on chain`];

  const now = options.now ?? Math.floor(Date.now() / 1000);
  const expired = credential.expiresAt !== 0 && credential.expiresAt <= now;
  const verdict = {
    credential,
    issuer: { ok: issuerProblems.length === 0, problems: issuerProblems },
    status: { ok: statusProblems.length === 0, status, blockNumber, problems: statusProblems },
    expiry: { ok: !expired, problems: expired ? ["the credential has expired"] : [] },
  };
  return { valid: verdict.issuer.ok && verdict.status.ok && verdict.expiry.ok, ...verdict };
}

/**
 * A presentation of an SD-JWT VC disclosing only `fieldNames` (plus what is always disclosed);
 * the holder's address and licence id stay hidden unless named (`sub`, `licence_id`).
 *
 * @example
 * const shown = await presentSdJwt(sdJwt, ["name"]);
 */
export async function presentSdJwt(sdJwt: string, fieldNames: readonly string[]): Promise<string> {
  const fields = Object.fromEntries(fieldNames.filter((n) => n !== "sub" && n !== "licence_id").map((n) => [n, true]));
  const frame = {
    ...(fieldNames.includes("sub") ? { sub: true } : {}),
    ...(fieldNames.includes("licence_id") ? { onewindow: { licence_id: true } } : {}),
    fields,
  };
  try {
    return await sdJwtInstance().present(sdJwt, frame as never);
  } catch (cause) {
    throw new CredentialFormatError({ document: "SD-JWT VC", path: "$", reason: messageOf(cause), cause });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
