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
import { open as openFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";

import type { Hex } from "viem";

import { SealBrokenError } from "./sealed.ts";
import type { UploadReply, UploadRequest } from "./upload-worker.ts";

/** Thrown while streaming when the document passes `maxBytes` (the temporary file is gone). */
export class UploadTooLargeError extends Error {
  override name = "UploadTooLargeError";
}

/** A document received completely into a temporary file, not yet kept. */
export type ReceivedUpload = { hash: Hex; size: number; temp: string };

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
/** A started worker and the requests it has yet to answer (its own: a stopped one's fail alone). */
type Running = { thread: Worker; waiting: Map<number, Pending> };
let running: Running | undefined;
let nextId = 1;

/** The process's upload worker, started on first use; it keeps the process alive only while busy. */
function uploadWorker(): Running {
  if (running) return running;
  const started: Running = { thread: new Worker(new URL("./upload-worker.ts", import.meta.url)), waiting: new Map() };
  const { thread, waiting } = started;
  thread.on("message", (reply: UploadReply) => {
    const request = waiting.get(reply.id);
    if (!request) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) thread.unref();
    if (!reply.error) return request.resolve(reply.value);
    const { name, message } = reply.error;
    request.reject(
      name === "SealBrokenError" ? new SealBrokenError(message) : Object.assign(new Error(message), { name }),
    );
  });
  // A worker that failed answers nothing more: its requests fail, and the next use starts another.
  const failed = (error: Error) => {
    if (running === started) running = undefined;
    for (const request of waiting.values()) {
      request.reject(new Error(`the upload worker stopped: ${error.message}`, { cause: error }));
    }
    waiting.clear();
  };
  thread.on("error", failed);
  thread.on("exit", (code) => failed(new Error(`exit code ${code}`)));
  // Held only while it has requests to answer (`ask`), never by being idle.
  thread.unref();
  running = started;
  return started;
}

/** Stops the upload worker (requests in flight fail); the next upload or read starts another. */
export async function stopUploadWorker(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.thread.terminate();
}

type Ask<R extends UploadRequest> = R extends unknown ? Omit<R, "id"> : never;
/** Sends a request to the worker (`to`: the one an upload began in, which must still be running). */
function ask<T>(request: Ask<UploadRequest>, to?: Running): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    if (to && to !== running) return reject(new Error("the upload worker stopped during the upload"));
    const target = to ?? uploadWorker();
    target.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    target.thread.ref();
    target.thread.postMessage({ ...request, id });
  });
}

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
  const target = uploadWorker();
  const upload = await ask<number>({ op: "begin", dir, key }, target);
  let size = 0;
  try {
    // One chunk at a time: the next is read from the client once the worker has written this one,
    // so a fast client is held back by the disk, not buffered.
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > maxBytes) throw new UploadTooLargeError(`the document is larger than ${maxBytes} bytes`);
      await ask({ op: "chunk", upload, bytes: chunk }, target);
    }
  } catch (error) {
    await ask({ op: "abort", upload }, target).catch(() => {});
    throw error;
  }
  return ask<ReceivedUpload>({ op: "finish", upload }, target);
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
  return ask<{ bytes: Uint8Array; hash: Hex }>({ op: "read", file: path.join(dir, name), key }).then(
    ({ bytes, hash }) => ({ bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), hash }),
  );
}
