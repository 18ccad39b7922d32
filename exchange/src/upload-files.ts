/**
 * Uploaded documents as files, one per keccak256 hash, in the upload folder. A document is
 * streamed in: each chunk is hashed (keccak256), sealed (AES-256-GCM under the data key) and
 * written to a temporary file in `incoming/` as it arrives, so that it is never held whole in
 * memory and no database connection waits on it. Only once it is complete, synced to disk and
 * within the limits is it renamed to its hash and its row written (store/uploads.ts).
 *
 * The hashing, sealing and writing run in a worker thread (upload-worker.ts, one per process,
 * started on first use): the exchange's own thread only passes the chunks on, and stays free for
 * other requests while documents stream in.
 *
 * File layout: `version (2) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`. The hash is not known before
 * the last byte, so it is not the associated data as in sealed.ts: the document is checked
 * against its hash on every read instead (a file moved under another hash does not match).
 */
import { open as openFile, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

import type { Hex } from "viem";

import { SealBrokenError } from "./sealed.ts";
import type { UploadRequest } from "./upload-worker.ts";
import { asBuffer, WorkerThread } from "./worker-thread.ts";

/** Thrown while streaming when the document passes `maxBytes` (the temporary file is gone). */
export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
}

/** A document received completely into a temporary file, not yet kept. */
export type ReceivedUpload = { hash: Hex; size: number; temp: string };

/** The process's upload worker, started on first use; it keeps the process alive only while busy. */
const uploadWorker = new WorkerThread<UploadRequest>(
  new URL("./upload-worker.ts", import.meta.url),
  "the upload worker",
  {
    revive: (error) => (error.name === "SealBrokenError" ? new SealBrokenError(error.message) : undefined),
  },
);

/** Stops the upload worker (requests in flight fail); the next upload or read starts another. */
export const stopUploadWorker = () => uploadWorker.stop();

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
  const target = uploadWorker.start();
  const upload = await uploadWorker.ask<number>({ op: "begin", dir, key }, target);
  let size = 0;
  try {
    // One chunk at a time: the next is read from the client once the worker has written this one,
    // so a fast client is held back by the disk, not buffered.
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > maxBytes) throw new UploadTooLargeError(`the document is larger than ${maxBytes} bytes`);
      await uploadWorker.ask({ op: "chunk", upload, bytes: chunk }, target);
    }
  } catch (error) {
    await uploadWorker.ask({ op: "abort", upload }, target).catch(() => {});
    throw error;
  }
  return uploadWorker.ask<ReceivedUpload>({ op: "finish", upload }, target);
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

/**
 * Opens a kept document's file: its bytes and their keccak256 (to compare with the name it is kept
 * under), or {@link SealBrokenError} (missing, altered, another key).
 */
export function readUploadFile(dir: string, key: Uint8Array, name: string): Promise<{ bytes: Buffer; hash: Hex }> {
  return uploadWorker
    .ask<{ bytes: Uint8Array; hash: Hex }>({ op: "read", file: path.join(dir, name), key })
    .then(({ bytes, hash }) => ({ bytes: asBuffer(bytes), hash }));
}

/** An upload's temporary file not written to for this long belongs to no upload in progress. */
export const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;

/**
 * Removes the temporary files of uploads that never finished (the process stopped mid-upload: no
 * row refers to them, nobody was told they were kept): those in `dir/incoming` not written to for
 * `idleMs`. A file still being written is newer, on this process or another sharing the folder.
 * Returns how many were removed.
 */
export async function sweepAbandonedUploads(dir: string, idleMs = ABANDONED_UPLOAD_MS, now = Date.now()) {
  const incoming = path.join(dir, "incoming");
  const names = await readdir(incoming).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(incoming, name);
    const written = await stat(file).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    if (written === undefined || now - written < idleMs) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}
