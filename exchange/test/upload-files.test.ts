/**
 * Upload files (src/upload-files.ts): streamed through the upload worker thread into sealed files,
 * checked on reading, and what happens when the worker is gone.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";

import { keccak256 } from "viem";

import { SealBrokenError } from "../src/sealed.ts";
import {
  keepUpload,
  readUploadFile,
  receiveUpload,
  stopUploadWorker,
  sweepAbandonedUploads,
  UploadTooLargeError,
} from "../src/upload-files.ts";

const key = randomBytes(32);
const folder = () => mkdtempSync(path.join(tmpdir(), "onewindow-upload-files-"));
const incoming = (dir: string) => readdirSync(path.join(dir, "incoming"));

after(() => stopUploadWorker());

describe("upload files", () => {
  it("streams chunks into a sealed file named by the document's keccak256, and reads it back", async () => {
    const dir = folder();
    const chunks = [randomBytes(100_000), randomBytes(1), randomBytes(65_536)];
    const document = Buffer.concat(chunks);
    const received = await receiveUpload(dir, key, chunks, 1_000_000);
    assert.equal(received.hash, keccak256(document));
    assert.equal(received.size, document.length);
    const name = await keepUpload(dir, received);
    assert.deepEqual(incoming(dir), []);
    const onDisk = readFileSync(path.join(dir, name));
    assert.equal(onDisk.length, 1 + 12 + document.length + 16);
    assert.equal(onDisk.indexOf(document.subarray(0, 32)), -1, "no plaintext at rest");
    const opened = await readUploadFile(dir, key, name);
    assert.ok(opened.bytes.equals(document));
    assert.equal(opened.hash, received.hash);
  });

  it("refuses past the size limit and leaves no temporary file", async () => {
    const dir = folder();
    await assert.rejects(receiveUpload(dir, key, [randomBytes(600), randomBytes(600)], 1_000), UploadTooLargeError);
    assert.deepEqual(incoming(dir), []);
  });

  it("a file altered, sealed under another key or missing is a broken seal", async () => {
    const dir = folder();
    const name = await keepUpload(dir, await receiveUpload(dir, key, [randomBytes(5_000)], 10_000));
    await assert.rejects(readUploadFile(dir, randomBytes(32), name), SealBrokenError);
    const bytes = readFileSync(path.join(dir, name));
    bytes[100]! ^= 1;
    writeFileSync(path.join(dir, name), bytes);
    await assert.rejects(readUploadFile(dir, key, name), /does not open/);
    await assert.rejects(readUploadFile(dir, key, "0x" + "ab".repeat(32)), /missing/);
  });

  it("an upload in flight when the worker stops fails with a clear error; the next one works", async () => {
    const dir = folder();
    async function* stopsMidway() {
      yield randomBytes(1_000);
      await stopUploadWorker();
      yield randomBytes(1_000);
    }
    await assert.rejects(receiveUpload(dir, key, stopsMidway(), 10_000), /the upload worker stopped/);
    const received = await receiveUpload(dir, key, [Buffer.from("again")], 10_000);
    assert.equal(received.hash, keccak256(Buffer.from("again")));
  });

  it("sweeps the temporary files of uploads abandoned an hour ago, and nothing newer", async () => {
    const dir = folder();
    assert.equal(await sweepAbandonedUploads(dir), 0, "no incoming folder yet");
    mkdirSync(path.join(dir, "incoming"), { recursive: true });
    const old = path.join(dir, "incoming", "abandoned");
    writeFileSync(old, "left by a stop mid-upload");
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(old, twoHoursAgo, twoHoursAgo);
    writeFileSync(path.join(dir, "incoming", "recent"), "being written");
    // A kept document is not in incoming/ and is never touched.
    const kept = await keepUpload(dir, await receiveUpload(dir, key, [randomBytes(100)], 10_000));
    assert.equal(await sweepAbandonedUploads(dir), 1);
    assert.deepEqual(readdirSync(path.join(dir, "incoming")), ["recent"]);
    assert.ok(readdirSync(dir).includes(kept));
  });
});
