/**
 * Encryption at rest: licence files and uploaded documents are stored AES-256-GCM sealed under the
 * node's data key, with what they belong to (licence id, document hash) as associated data, so a
 * sealed record cannot be moved under another key or altered without detection.
 *
 * Sealed layout: `version (1) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const VERSION = 1;
const NONCE = 12;
const TAG = 16;

/** Thrown when a sealed record does not open: altered, truncated, or sealed under another key. */
export class SealBrokenError extends Error {
  override name = "SealBrokenError";
}

/** Seals `plaintext` under `key` (32 bytes), bound to `context`. */
export function seal(key: Uint8Array, plaintext: Uint8Array, context: string): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(`onewindow.exchange.v1:${context}`, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]);
}

/** Opens a record made by {@link seal} with the same key and context; throws {@link SealBrokenError} otherwise. */
export function open(key: Uint8Array, sealed: Uint8Array, context: string): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 1 + NONCE + TAG || bytes[0] !== VERSION) throw new SealBrokenError("not a sealed record");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(1, 1 + NONCE));
    decipher.setAAD(Buffer.from(`onewindow.exchange.v1:${context}`, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
    return Buffer.concat([decipher.update(bytes.subarray(1 + NONCE, bytes.length - TAG)), decipher.final()]);
  } catch (cause) {
    throw new SealBrokenError("the sealed record does not open (altered, or another key)", { cause });
  }
}

/**
 * The data key: `hex` (64 hex digits, e.g. from EXCHANGE_DATA_KEY) if given, else the file
 * `<dataDir>/data.key`, generated (32 random bytes, mode 0600) on first start.
 */
export function loadDataKey(dataDir: string, hex?: string | undefined): Uint8Array {
  if (hex !== undefined && hex !== "") {
    const clean = hex.startsWith("0x") ? hex.slice(2) : hex;
    if (!/^[0-9a-fA-F]{64}$/.test(clean)) throw new Error("EXCHANGE_DATA_KEY must be 32 bytes as 64 hex digits");
    return Buffer.from(clean, "hex");
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, "data.key");
  if (!existsSync(file)) {
    // `wx`: never overwrite a key another starter wrote meanwhile.
    try {
      writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const clean = readFileSync(file, "utf8").trim();
  if (!/^[0-9a-fA-F]{64}$/.test(clean)) throw new Error(`${file} does not hold a 32-byte hex key`);
  return Buffer.from(clean, "hex");
}
