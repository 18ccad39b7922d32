/**
 * Compact JWS (RFC 7515) with ES256K (RFC 8812: ECDSA over secp256k1 with SHA-256, signature
 * `r || s`), the algorithm of the platform's wallet keys. Signing goes through a
 * {@link CredentialSigner}, so a viem local account (an officer's key) signs without exposing it.
 */
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, getAddress, hexToBytes, keccak256, type Address, type Hex, type LocalAccount } from "viem";

import { CredentialFormatError, type CredentialDocumentKind } from "../errors/credential.ts";

/** A secp256k1 public JWK (RFC 7517, RFC 8812). */
export type Secp256k1Jwk = { kty: "EC"; crv: "secp256k1"; x: string; y: string };

/** Who signs exported credentials and status lists: an officer of the issuing department. */
export type CredentialSigner = {
  /** The officer's account (its address is on chain in the DepartmentRegistry). */
  address: Address;
  /** Uncompressed secp256k1 public key (0x04…, 65 bytes). */
  publicKey: Hex;
  /** Signs a 32-byte SHA-256 digest; returns `r || s` (64 bytes, low s). */
  signDigest(digest: Uint8Array): Promise<Uint8Array>;
};

/**
 * The signer of a viem local account (a private key or a keystore account). Accounts held by a
 * browser wallet cannot sign a raw digest and are refused.
 *
 * @example
 * const signer = signerOfAccount(privateKeyToAccount(key));
 */
export function signerOfAccount(account: LocalAccount): CredentialSigner {
  if (typeof account.sign !== "function") {
    throw new TypeError("signerOfAccount: this account cannot sign a raw digest (use a local account)");
  }
  return {
    address: account.address,
    publicKey: account.publicKey,
    async signDigest(digest) {
      const signature = await account.sign!({ hash: bytesToHex(digest) });
      return hexToBytes(signature).slice(0, 64);
    },
  };
}

/** A signer from a 32-byte private key (tests, benchmarks). */
export function signerOfPrivateKey(privateKey: Hex): CredentialSigner {
  const key = hexToBytes(privateKey);
  const publicKey = secp256k1.getPublicKey(key, false);
  return {
    address: addressOfPublicKey(publicKey),
    publicKey: bytesToHex(publicKey),
    async signDigest(digest) {
      return secp256k1.sign(digest, key, { lowS: true }).toCompactRawBytes();
    },
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array | string): string {
  const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
  let binary = "";
  for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64url (no padding); throws a TypeError on other characters. */
export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new TypeError("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The public JWK of an uncompressed or compressed secp256k1 public key. */
export function jwkOfPublicKey(publicKey: Hex): Secp256k1Jwk {
  const point = secp256k1.ProjectivePoint.fromHex(publicKey.slice(2)).toRawBytes(false);
  return { kty: "EC", crv: "secp256k1", x: base64url(point.slice(1, 33)), y: base64url(point.slice(33, 65)) };
}

/** The Ethereum address of a public key (uncompressed bytes, 65 with the 0x04 prefix). */
export function addressOfPublicKey(publicKey: Uint8Array): Address {
  return getAddress(`0x${keccak256(publicKey.slice(1)).slice(-40)}`);
}

/** The Ethereum address of a secp256k1 JWK; throws a TypeError if the JWK is not one. */
export function addressOfJwk(jwk: unknown): Address {
  const key = jwk as Partial<Secp256k1Jwk> | null;
  if (key === null || typeof key !== "object" || key.kty !== "EC" || key.crv !== "secp256k1") {
    throw new TypeError("not a secp256k1 EC JWK");
  }
  const x = fromBase64url(String(key.x));
  const y = fromBase64url(String(key.y));
  if (x.length !== 32 || y.length !== 32) throw new TypeError("x and y must be 32 bytes each");
  const point = new Uint8Array(65);
  point[0] = 4;
  point.set(x, 1);
  point.set(y, 33);
  secp256k1.ProjectivePoint.fromHex(point).assertValidity();
  return addressOfPublicKey(point);
}

/** `did:pkh` (CAIP-10) of an account on an EVM chain: how credentials name officers and holders. */
export function didPkh(chainId: number, address: Address): string {
  return `did:pkh:eip155:${chainId}:${getAddress(address)}`;
}

/** Signs `header.payload` with ES256K; returns the compact JWS. */
export async function signCompactJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signer: CredentialSigner,
): Promise<string> {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${await signData(input, signer)}`;
}

/** The base64url ES256K signature of a JWS signing input. */
export async function signData(input: string, signer: CredentialSigner): Promise<string> {
  return base64url(await signer.signDigest(sha256(encoder.encode(input))));
}

/** True when `signature` (base64url `r || s`) is the ES256K signature of `input` by `jwk`. */
export function verifyData(input: string, signature: string, jwk: Secp256k1Jwk): boolean {
  try {
    const x = fromBase64url(jwk.x);
    const y = fromBase64url(jwk.y);
    const point = new Uint8Array([4, ...x, ...y]);
    const sig = fromBase64url(signature);
    if (sig.length !== 64) return false;
    return secp256k1.verify(sig, sha256(encoder.encode(input)), point, { lowS: false });
  } catch {
    return false;
  }
}

/** A compact JWS, decoded but not verified. */
export type DecodedJws = {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload` as sent: what the signature covers. */
  signingInput: string;
  /** base64url signature. */
  signature: string;
};

/** Decodes a compact JWS; every failure is a {@link CredentialFormatError} naming the part. */
export function decodeCompactJws(text: string, document: CredentialDocumentKind): DecodedJws {
  const parts = text.trim().split(".");
  if (parts.length !== 3) {
    throw new CredentialFormatError({
      document,
      path: "$",
      reason: `expected a compact JWS of 3 dot-separated parts, found ${parts.length}`,
    });
  }
  const [h, p, s] = parts as [string, string, string];
  const header = jsonPart(h, "header", document);
  const payload = jsonPart(p, "payload", document);
  if (!/^[A-Za-z0-9_-]+$/.test(s)) {
    throw new CredentialFormatError({ document, path: "signature", reason: "missing or not base64url" });
  }
  return { header, payload, signingInput: `${h}.${p}`, signature: s };
}

function jsonPart(part: string, path: string, document: CredentialDocumentKind): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(fromBase64url(part)));
  } catch (cause) {
    throw new CredentialFormatError({ document, path, reason: "not base64url-encoded JSON", cause });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CredentialFormatError({ document, path, reason: "not a JSON object" });
  }
  return value as Record<string, unknown>;
}
