import { gcm } from "@noble/ciphers/aes.js";
import { randomBytes } from "@noble/ciphers/utils.js";
import { secp256k1 } from "@noble/curves/secp256k1";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, isHex, type Hex } from "viem";

import { EciesError } from "../errors/ecies.ts";

/**
 * ECIES on secp256k1, as the exchange encrypts disclosures to a department's registered key
 * (`DepartmentRegistry` `encryptionKey`, 33-byte compressed) and the department's browser or
 * service decrypts them.
 *
 * Envelope (hex): `0x01 ‖ ephemeral public key (33, compressed) ‖ nonce (12) ‖ AES-256-GCM
 * ciphertext ‖ tag (16)`. Key = HKDF-SHA256(ikm = x of the ECDH point, salt = ephemeral public key,
 * info = "onewindow.ecies.v1"); the version byte and the ephemeral key are authenticated data.
 */
export const ECIES_VERSION = 1;
const INFO = new TextEncoder().encode("onewindow.ecies.v1");
const HEADER = 1 + 33;
const NONCE = 12;
const TAG = 16;

/**
 * Recipient points with their multiplication tables (window 8), by key: a node encrypts to a few
 * departments' keys many times, and the table makes each ECDH several times faster. Bounded.
 */
const recipients = new Map<string, InstanceType<typeof secp256k1.ProjectivePoint>>();
const MAX_RECIPIENTS = 256;

function recipientPoint(publicKey: Hex) {
  const id = publicKey.toLowerCase();
  let point = recipients.get(id);
  if (!point) {
    point = secp256k1.ProjectivePoint.fromHex(publicKey.slice(2));
    point.assertValidity();
    point._setWindowSize(8);
    if (recipients.size >= MAX_RECIPIENTS) recipients.delete(recipients.keys().next().value!);
    recipients.set(id, point);
  }
  return point;
}

function key(shared: Uint8Array, ephemeral: Uint8Array): Uint8Array {
  return hkdf(sha256, shared.slice(1), ephemeral, INFO, 32);
}

/**
 * Encrypts `plaintext` to a secp256k1 public key (33-byte compressed, or 65-byte uncompressed).
 *
 * @example
 * const envelope = eciesEncrypt(department.encryptionKey, new TextEncoder().encode(json));
 */
export function eciesEncrypt(publicKey: Hex, plaintext: Uint8Array): Hex {
  let recipient: ReturnType<typeof recipientPoint>;
  try {
    if (!isHex(publicKey)) throw new Error("not hex");
    recipient = recipientPoint(publicKey);
  } catch (cause) {
    throw new EciesError("the public key is not a secp256k1 point", "加密公钥不是有效的 secp256k1 公钥。", cause);
  }
  const ephemeralKey = secp256k1.utils.randomPrivateKey();
  const ephemeral = secp256k1.getPublicKey(ephemeralKey, true);
  const header = new Uint8Array(HEADER);
  header[0] = ECIES_VERSION;
  header.set(ephemeral, 1);
  const nonce = randomBytes(NONCE);
  // getSharedSecret(ephemeralKey, recipient), with the recipient's table.
  const shared = recipient.multiply(secp256k1.utils.normPrivateKeyToScalar(ephemeralKey)).toRawBytes(true);
  const sealed = gcm(key(shared, ephemeral), nonce, header).encrypt(plaintext);
  const envelope = new Uint8Array(HEADER + NONCE + sealed.length);
  envelope.set(header, 0);
  envelope.set(nonce, HEADER);
  envelope.set(sealed, HEADER + NONCE);
  return bytesToHex(envelope);
}

/**
 * Decrypts an envelope made by {@link eciesEncrypt} with the recipient's private key. Throws
 * {@link EciesError} for a wrong key or an altered envelope (never returns garbage).
 *
 * @example
 * const json = new TextDecoder().decode(eciesDecrypt(officerEncryptionKey, envelope));
 */
export function eciesDecrypt(privateKey: Hex, envelope: Hex): Uint8Array {
  const bytes = isHex(envelope) ? hexToBytes(envelope) : new Uint8Array();
  if (bytes.length < HEADER + NONCE + TAG || bytes[0] !== ECIES_VERSION) {
    throw new EciesError("this is not a OneWindow ECIES envelope", "这不是 OneWindow 的加密数据包。");
  }
  const ephemeral = bytes.slice(1, HEADER);
  try {
    const shared = secp256k1.getSharedSecret(hexToBytes(privateKey), ephemeral, true);
    return gcm(key(shared, ephemeral), bytes.slice(HEADER, HEADER + NONCE), bytes.slice(0, HEADER)).decrypt(
      bytes.slice(HEADER + NONCE),
    );
  } catch (cause) {
    throw new EciesError("wrong key, or the envelope was altered", "无法解密：密钥不对，或数据包已被篡改。", cause);
  }
}

/** The compressed public key (33 bytes) of a private key: what a department registers. */
export function encryptionPublicKey(privateKey: Hex): Hex {
  return bytesToHex(secp256k1.getPublicKey(hexToBytes(privateKey), true));
}
