import { sm2, sm3 } from "sm-crypto-v2";
import { bytesToHex, isHex, type Hex } from "viem";

import { SealError } from "../errors/seal.ts";

/**
 * SM2 signatures (GB/T 32918.2-2016, GM/T 0003.2) over SM3 (GB/T 32905-2016) on the SM2
 * recommended curve (GB/T 32918.5-2017), from the maintained `sm-crypto-v2` library (TypeScript,
 * built on the audited noble curves and hashes; runs in browsers and Node). This module only
 * fixes the encodings OneWindow uses and names what is wrong with a bad key or signature.
 *
 * - public key: 65 bytes, `0x04 ‖ x ‖ y` (uncompressed), a point of the curve;
 * - private key: 32 bytes, an integer d with 1 ≤ d ≤ n − 2;
 * - signature: 64 bytes, `r ‖ s` (each 32 bytes, big-endian);
 * - the signer's distinguishing identifier: the default of GM/T 0009-2012, `"1234567812345678"`.
 */
export const SM2_DEFAULT_USER_ID = "1234567812345678";

/** Order n of the SM2 recommended curve's base point. */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const PUBLIC_KEY_BYTES = 65;
const SIGNATURE_BYTES = 64;

/** SM3 digest of `data` (32 bytes, 0x hex). */
export function sm3Digest(data: Uint8Array): Hex {
  return `0x${sm3(data)}`;
}

/**
 * Checks an SM2 public key and returns it lowercase: 65 bytes of hex, prefix 0x04, x and y a point
 * of the SM2 recommended curve.
 *
 * @param what - What the key is, for the error (e.g. `"$.seal.publicKey"`).
 * @throws {SealError} naming what is wrong.
 */
export function parseSm2PublicKey(key: unknown, what = "the SM2 public key"): Hex {
  if (typeof key !== "string" || !isHex(key, { strict: true })) {
    throw new SealError(`${what} is not 0x hex`, `${what}不是 0x 开头的十六进制。`);
  }
  const bytes = (key.length - 2) / 2;
  if (bytes !== PUBLIC_KEY_BYTES) {
    throw new SealError(
      `${what} has ${bytes} bytes; an SM2 public key has 65 (0x04 ‖ x ‖ y)`,
      `${what}有 ${bytes} 字节；SM2 公钥应为 65 字节（0x04 ‖ x ‖ y）。`,
    );
  }
  if (!/^0x04/i.test(key)) {
    throw new SealError(
      `${what} does not start with 0x04 (an uncompressed point)`,
      `${what}不以 0x04 开头（应为未压缩点）。`,
    );
  }
  const lower = key.toLowerCase() as Hex;
  if (!onCurve(lower)) {
    throw new SealError(`${what} is not a point of the SM2 curve`, `${what}不是 SM2 曲线上的点。`);
  }
  return lower;
}

/** Whether a 65-byte 0x04 key is a point of the curve (the library throws for some points off it). */
function onCurve(key: Hex): boolean {
  try {
    return sm2.verifyPublicKey(key.slice(2));
  } catch {
    return false;
  }
}

/** Checks an SM2 private key (32 bytes, 1 ≤ d ≤ n − 2) and returns it lowercase. */
export function parseSm2PrivateKey(key: unknown, what = "the SM2 private key"): Hex {
  if (typeof key !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(key)) {
    throw new SealError(`${what} is not 32 bytes of 0x hex`, `${what}不是 32 字节的 0x 十六进制。`);
  }
  const d = BigInt(key);
  if (d < 1n || d > SM2_N - 2n) {
    throw new SealError(`${what} is out of range (1 to n − 2)`, `${what}超出范围（应为 1 至 n − 2）。`);
  }
  return key.toLowerCase() as Hex;
}

/** The SM2 public key (65 bytes, 0x04 ‖ x ‖ y) of a private key. */
export function sm2PublicKeyOf(privateKey: Hex): Hex {
  const d = parseSm2PrivateKey(privateKey);
  return `0x${sm2.getPublicKeyFromPrivateKey(d.slice(2))}`;
}

/** A new random SM2 private key (32 bytes, 0x hex). */
export function newSm2PrivateKey(): Hex {
  for (;;) {
    const { privateKey } = sm2.generateKeyPairHex();
    const key = `0x${privateKey.padStart(64, "0")}` as Hex;
    const d = BigInt(key);
    if (d >= 1n && d <= SM2_N - 2n) return key;
  }
}

/**
 * Z_A of GB/T 32918.2 §5.5: SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), the signer's identity
 * digest that every SM2 signature hashes before the message.
 */
export function sm2Z(publicKey: Hex, userId = SM2_DEFAULT_USER_ID): Hex {
  return bytesToHex(sm2.getZ(parseSm2PublicKey(publicKey).slice(2), userId));
}

/** Options of {@link sm2Sign}. */
export type Sm2SignOptions = {
  /** The signer's distinguishing identifier (default {@link SM2_DEFAULT_USER_ID}). */
  userId?: string | undefined;
  /**
   * The per-signature secret k (test vectors only: a repeated k reveals the private key). Default:
   * fresh from the platform's cryptographic random source.
   */
  k?: bigint | undefined;
};

/**
 * SM2 signature of `message` (e = SM3(Z_A ‖ message), GB/T 32918.2 §6.1): 64 bytes `r ‖ s`.
 *
 * @example
 * const signature = sm2Sign(privateKey, new TextEncoder().encode("message digest"));
 * sm2Verify(sm2PublicKeyOf(privateKey), message, signature); // true
 */
export function sm2Sign(privateKey: Hex, message: Uint8Array, options: Sm2SignOptions = {}): Hex {
  const d = parseSm2PrivateKey(privateKey);
  const publicKey = sm2PublicKeyOf(d);
  const pointPool =
    options.k === undefined
      ? undefined
      : [
          {
            k: options.k,
            x1: BigInt(`0x${sm2.getPublicKeyFromPrivateKey(options.k.toString(16).padStart(64, "0")).slice(2, 66)}`),
          },
        ];
  const signature = sm2.doSignature(message, d.slice(2), {
    hash: true,
    publicKey: publicKey.slice(2),
    userId: options.userId ?? SM2_DEFAULT_USER_ID,
    ...(pointPool === undefined ? {} : { pointPool }),
  });
  return `0x${signature.padStart(SIGNATURE_BYTES * 2, "0")}`;
}

/**
 * Checks an SM2 signature (64 bytes `r ‖ s`) of `message` by `publicKey` (GB/T 32918.2 §7.1).
 * Never throws: a malformed key or signature is simply not a valid signature (use
 * {@link parseSm2PublicKey} to say why).
 */
export function sm2Verify(
  publicKey: Hex,
  message: Uint8Array,
  signature: Hex,
  options: { userId?: string | undefined } = {},
): boolean {
  try {
    const key = parseSm2PublicKey(publicKey);
    if (!/^0x[0-9a-fA-F]{128}$/.test(signature)) return false;
    const r = BigInt(signature.slice(0, 66));
    const s = BigInt(`0x${signature.slice(66)}`);
    if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
    return sm2.doVerifySignature(message, signature.slice(2).toLowerCase(), key.slice(2), {
      hash: true,
      userId: options.userId ?? SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
}
