/**
 * Status lists as the standards encode them, from one array of per-licence statuses:
 *
 * - IETF Token Status List (draft-ietf-oauth-status-list): `bits` = 2 per entry, entry i in bits
 *   `2i…2i+1` counted from the least significant bit of byte 0, the byte array compressed with
 *   DEFLATE in the ZLIB format, then base64url (`lst`). Values: 0 valid, 1 invalid (revoked),
 *   2 suspended.
 * - W3C Bitstring Status List v1.0: one list per purpose (`revocation`, `suspension`), 1 bit per
 *   entry, entry i at bit `i` counted from the most significant bit of byte 0, GZIP-compressed,
 *   then multibase base64url (`u` + base64url). At least 131,072 entries (16 KiB), as the
 *   recommendation requires for herd privacy; the IETF list is padded to the same length.
 */
import pako from "pako";

import { base64url } from "./jws.ts";

/** Status values of the IETF token status list (2 bits per entry). */
export const CredentialStatus = {
  /** In force (or expired: expiry is in the credential, not in the list). */
  Valid: 0,
  /** Revoked or replaced: permanently not in force. */
  Revoked: 1,
  /** Suspended: temporarily not in force. */
  Suspended: 2,
} as const;
export type CredentialStatus = (typeof CredentialStatus)[keyof typeof CredentialStatus];

/** Bits per entry of the IETF list. */
export const TOKEN_STATUS_LIST_BITS = 2;

/** Smallest list length published (W3C Bitstring Status List §2.5: 16 KiB of bits). */
export const MIN_STATUS_LIST_ENTRIES = 131_072;

/** The list length published for `entries` licences: at least {@link MIN_STATUS_LIST_ENTRIES}, a multiple of 8. */
export function publishedLength(entries: number): number {
  return Math.max(MIN_STATUS_LIST_ENTRIES, Math.ceil(entries / 8) * 8);
}

/** The `status_list` claim of an IETF status list token: `{ bits: 2, lst }`. */
export function encodeTokenStatusList(statuses: ArrayLike<number>): { bits: 2; lst: string } {
  const length = publishedLength(statuses.length);
  const bytes = new Uint8Array((length * TOKEN_STATUS_LIST_BITS) / 8);
  for (let i = 0; i < statuses.length; i++) {
    const value = statuses[i]! & 0b11;
    if (value !== 0) bytes[i >> 2]! |= value << ((i & 3) * 2);
  }
  return { bits: 2, lst: base64url(pako.deflate(bytes, { level: 9 })) };
}

/** The `encodedList` of a W3C Bitstring Status List for one purpose: entry i set when its status is `status`. */
export function encodeBitstringStatusList(
  statuses: ArrayLike<number>,
  status: typeof CredentialStatus.Revoked | typeof CredentialStatus.Suspended,
): string {
  const length = publishedLength(statuses.length);
  const bytes = new Uint8Array(length / 8);
  for (let i = 0; i < statuses.length; i++) {
    if (statuses[i] === status) bytes[i >> 3]! |= 0x80 >> (i & 7);
  }
  return `u${base64url(pako.gzip(bytes, { level: 9 }))}`;
}
