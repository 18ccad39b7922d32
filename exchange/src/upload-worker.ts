/**
 * The upload files' CPU work, in a worker thread (started by upload-files.ts): hashing (keccak256,
 * in JavaScript, ≈ 25–50 MiB/s a core here), sealing and opening (AES-256-GCM) and the file writes.
 * On the exchange's own thread they held up every other request while documents streamed in (a
 * holder's GET /licences p95 114 ms during eight 10 MiB uploads); here they use another core.
 *
 * Messages are `{ id, op, ... }`, answered as worker-thread.ts says.
 * File layout (version 2): `version (2) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`.
 */
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open as openFile, readFile, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";

import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex } from "viem";

import { serveRequests } from "./worker-thread.ts";

const VERSION = 2;
const NONCE = 12;
const TAG = 16;
const CONTEXT = Buffer.from("onewindow.exchange.v1:upload-file", "utf8");

export type UploadRequest =
  | { id: number; op: "begin"; dir: string; key: Uint8Array }
  | { id: number; op: "chunk"; upload: number; bytes: Uint8Array }
  | { id: number; op: "finish"; upload: number }
  | { id: number; op: "abort"; upload: number }
  | { id: number; op: "read"; file: string; key: Uint8Array };

/** Thrown for a file that is missing, not sealed, altered or sealed under another key. */
class BrokenFile extends Error {
  override name = "SealBrokenError";
}

type Incoming = {
  temp: string;
  file: FileHandle;
  cipher: CipherGCM;
  hasher: ReturnType<typeof keccak_256.create>;
  size: number;
};
const uploads = new Map<number, Incoming>();

async function begin(dir: string, key: Uint8Array, id: number) {
  const incoming = path.join(dir, "incoming");
  mkdirSync(incoming, { recursive: true, mode: 0o700 });
  const temp = path.join(incoming, randomBytes(16).toString("hex"));
  const file = await openFile(temp, "wx", 0o600);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(CONTEXT);
  await file.write(Buffer.concat([Buffer.from([VERSION]), nonce]));
  uploads.set(id, { temp, file, cipher, hasher: keccak_256.create(), size: 0 });
  return id;
}

function inProgress(upload: number): Incoming {
  const entry = uploads.get(upload);
  if (!entry) throw new Error(`no upload ${upload} in progress`);
  return entry;
}

async function chunk(upload: number, bytes: Uint8Array) {
  const entry = inProgress(upload);
  entry.size += bytes.length;
  entry.hasher.update(bytes);
  const sealed = entry.cipher.update(bytes);
  if (sealed.length > 0) await entry.file.write(sealed);
}

async function finish(upload: number) {
  const entry = inProgress(upload);
  uploads.delete(upload);
  try {
    await entry.file.write(Buffer.concat([entry.cipher.final(), entry.cipher.getAuthTag()]));
    // Synced before its row can be written: an acknowledged upload survives a crash.
    await entry.file.sync();
    await entry.file.close();
  } catch (error) {
    await entry.file.close().catch(() => {});
    await rm(entry.temp, { force: true });
    throw error;
  }
  return { hash: bytesToHex(entry.hasher.digest()), size: entry.size, temp: entry.temp };
}

async function abort(upload: number) {
  const entry = uploads.get(upload);
  if (!entry) return;
  uploads.delete(upload);
  await entry.file.close().catch(() => {});
  await rm(entry.temp, { force: true });
}

/** A kept file's bytes and their keccak256, or BrokenFile. */
async function read(file: string, key: Uint8Array) {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new BrokenFile("the document's file is missing");
  }
  if (bytes.length < 1 + NONCE + TAG || bytes[0] !== VERSION) throw new BrokenFile("not a sealed document");
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(1, 1 + NONCE));
    decipher.setAAD(CONTEXT);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
    plain = Buffer.concat([decipher.update(bytes.subarray(1 + NONCE, bytes.length - TAG)), decipher.final()]);
  } catch {
    throw new BrokenFile("the sealed document does not open (altered, or another key)");
  }
  return { bytes: plain, hash: bytesToHex(keccak_256(plain)) };
}

async function handle(request: UploadRequest): Promise<unknown> {
  switch (request.op) {
    case "begin":
      return begin(request.dir, request.key, request.id);
    case "chunk":
      return chunk(request.upload, request.bytes);
    case "finish":
      return finish(request.upload);
    case "abort":
      return abort(request.upload);
    case "read":
      return read(request.file, request.key);
  }
}

// The main thread sends an upload's next request only once the one before is answered, so each
// upload's requests arrive in order; different uploads interleave.
serveRequests(handle);
