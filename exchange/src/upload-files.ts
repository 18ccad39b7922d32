/**
 * Uploaded documents as files, one per keccak256 hash, in the upload folder. A document is
 * streamed in: each chunk is hashed (keccak256), sealed (AES-256-GCM under the data key) and
 * written to a temporary file in `incoming/` as it arrives, so that it is never held whole in
 * memory and no database connection waits on it. Only once it is complete, synced to disk and
 * within the limits is it renamed to its hash and its row written (store/uploads.ts).
 *
 * File layout: `version (2) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`. The hash is not known before
 * the last byte, so it is not the associated data as in sealed.ts: the document is checked
 * against its hash on every read instead (a file moved under another hash does not match).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open as openFile, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";

import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, type Hex } from "viem";

import { SealBrokenError } from "./sealed.ts";

const VERSION = 2;
const NONCE = 12;
const TAG = 16;
const CONTEXT = Buffer.from("onewindow.exchange.v1:upload-file", "utf8");

/** Thrown while streaming when the document passes `maxBytes` (the temporary file is gone). */
export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
}

/** A document received completely into a temporary file, not yet kept. */
export type ReceivedUpload = { hash: Hex; size: number; temp: string };

/**
 * Streams `chunks` into a sealed temporary file under `dir/incoming`, hashing as it goes. Throws
 * {@link UploadTooLargeError} past `maxBytes`; on any error the temporary file is removed.
 */
export async function receiveUpload(
  dir: string,
  key: Uint8Array,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const incoming = path.join(dir, "incoming");
  mkdirSync(incoming, { recursive: true, mode: 0o700 });
  const temp = path.join(incoming, randomBytes(16).toString("hex"));
  const file = await openFile(temp, "wx", 0o600);
  const hasher = keccak_256.create();
  let size = 0;
  try {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv("aes-256-gcm", key, nonce);
    cipher.setAAD(CONTEXT);
    await file.write(Buffer.concat([Buffer.from([VERSION]), nonce]));
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > maxBytes) throw new UploadTooLargeError(`the document is larger than ${maxBytes} bytes`);
      hasher.update(chunk);
      const sealed = cipher.update(chunk);
      if (sealed.length > 0) await file.write(sealed);
    }
    await file.write(Buffer.concat([cipher.final(), cipher.getAuthTag()]));
    // Synced before its row can be written: an acknowledged upload survives a crash.
    await file.sync();
    await file.close();
  } catch (error) {
    await file.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  return { hash: bytesToHex(hasher.digest()), size, temp };
}

/** The file name a document is kept under. */
export const uploadFileName = (hash: string) => hash.toLowerCase();

/** Moves a received document to its place (`dir/<hash>`), synced; replaces an earlier copy. */
export async function keepUpload(dir: string, received: ReceivedUpload): Promise<string> {
  const name = uploadFileName(received.hash);
  await rename(received.temp, path.join(dir, name));
  const folder = await openFile(dir, "r");
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
  return name;
}

/** Removes a received document that is not kept. */
export const discardUpload = (received: ReceivedUpload) => rm(received.temp, { force: true });

/** Removes a kept document's file (its last owner deleted it). */
export const removeUploadFile = (dir: string, name: string) => rm(path.join(dir, name), { force: true });

/** Opens a kept document's file: its bytes, or {@link SealBrokenError} (missing, altered, another key). */
export async function readUploadFile(dir: string, key: Uint8Array, name: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(dir, name));
  } catch (cause) {
    throw new SealBrokenError("the document's file is missing", { cause });
  }
  if (bytes.length < 1 + NONCE + TAG || bytes[0] !== VERSION) throw new SealBrokenError("not a sealed document");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(1, 1 + NONCE));
    decipher.setAAD(CONTEXT);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
    return Buffer.concat([decipher.update(bytes.subarray(1 + NONCE, bytes.length - TAG)), decipher.final()]);
  } catch (cause) {
    throw new SealBrokenError("the sealed document does not open (altered, or another key)", { cause });
  }
}
