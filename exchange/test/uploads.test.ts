/** Uploads: content-addressed, sealed at rest, shared with departments, tampering detected. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import { keccak256 } from "viem";

import type { ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import { newAccounts, testChain, testDistrict, type Account, type TestDistrict } from "./helpers/chain.ts";
import { backends, call, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

let district: TestDistrict;
let owner: Account;
let other: Account;
before(async () => {
  district = await testDistrict();
  [owner, other] = (await newAccounts(2)) as [Account, Account];
});

for (const backend of backends()) {
  describe(`uploads on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    let uploadDir: string;
    const tokens = { owner: "", other: "", power: "", samr: "" };
    const document = Buffer.concat([Buffer.from("%PDF-1.7 房屋买卖合同 "), randomBytes(2048)]);
    const hash = keccak256(document);
    const raw = (token: string, body: Uint8Array, type = "application/octet-stream") =>
      call(app, "POST", "/uploads", {
        token,
        body: body as unknown as RequestInit["body"],
        headers: { "content-type": type },
      });

    before(async () => {
      ({ db, cleanup } = await backend.open());
      uploadDir = mkdtempSync(path.join(tmpdir(), "exchange-uploads-"));
      app = await testExchange(db, {}, { maxUploadBytes: 64 * 1024, uploadDir });
      tokens.owner = await signIn(app, owner.key);
      tokens.other = await signIn(app, other.key);
      tokens.power = await signIn(app, district.officer("SGCC-HD").key);
      tokens.samr = await signIn(app, district.officer("HD-SAMR").key);
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    it("stores raw bytes under their keccak256 and gives them back to the owner only", async () => {
      const stored = await raw(tokens.owner, document);
      assert.equal(stored.status, 201, JSON.stringify(stored.body));
      assert.deepEqual(stored.body, { hash, size: document.length });
      const back = await call(app, "GET", `/uploads/${hash}`, { token: tokens.owner });
      assert.equal(back.status, 200);
      assert.deepEqual(Buffer.from(back.body), document);
      assert.equal(back.headers.get("x-content-keccak256"), hash);
      assert.equal((await call(app, "GET", `/uploads/${hash}`, { token: tokens.other })).status, 404);
      assert.equal((await call(app, "GET", `/uploads/${hash}`, { token: tokens.power })).status, 404);
      assert.equal((await call(app, "GET", `/uploads/${hash}`)).status, 401);
      // Sealed at rest, in a file of the upload folder: the stored bytes are not the document.
      const [row] = await db.query<{ file: string; sealed: Uint8Array | null }>(
        "SELECT file, sealed FROM upload_blobs WHERE hash = $1",
        [hash],
      );
      assert.equal(row!.sealed, null);
      const atRest = readFileSync(path.join(uploadDir, row!.file));
      assert.ok(!atRest.includes(document.subarray(0, 16)));
    });

    it("takes base64 JSON too, and the same content twice is one blob", async () => {
      const again = await call(app, "POST", "/uploads", {
        token: tokens.other,
        json: { contentBase64: document.toString("base64") },
      });
      assert.equal(again.status, 201);
      assert.equal(again.body.hash, hash);
      const blobs = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM upload_blobs WHERE hash = $1", [
        hash,
      ]);
      assert.equal(Number(blobs[0]!.n), 1);
      assert.equal((await call(app, "GET", `/uploads/${hash}`, { token: tokens.other })).status, 200);
    });

    it("refuses an upload without a session, empty, too large, of another type, or bad base64: nothing written", async () => {
      const counts = await rowCounts(db);
      assert.equal((await raw("", document)).status, 401);
      assert.equal((await raw(tokens.owner, new Uint8Array())).status, 400);
      assert.equal((await raw(tokens.owner, randomBytes(64 * 1024 + 1))).status, 413);
      assert.equal((await raw(tokens.owner, document, "text/plain")).status, 415);
      assert.equal(
        (await call(app, "POST", "/uploads", { token: tokens.owner, json: { contentBase64: "###" } })).status,
        400,
      );
      assert.equal(
        (await call(app, "POST", "/uploads", { token: tokens.owner, json: { content: "AAAA" } })).status,
        400,
      );
      assert.deepEqual(await rowCounts(db), counts);
    });

    it("lets the owner share a document with a department, whose officer reads it (logged for the owner)", async () => {
      const share = (token: string, departmentId: number) =>
        call(app, "POST", `/uploads/${hash}/shares`, { token, json: { departmentId } });
      const powerId = district.departmentId("SGCC-HD");
      assert.equal((await share("", powerId)).status, 401);
      assert.equal((await share(tokens.power, powerId)).status, 404, "only an owner shares");
      assert.equal((await share(tokens.owner, 999_999)).status, 400);
      assert.equal((await share(tokens.owner, powerId)).status, 201);
      const read = await call(app, "GET", `/uploads/${hash}`, { token: tokens.power });
      assert.equal(read.status, 200);
      assert.deepEqual(Buffer.from(read.body), document);
      assert.equal(
        (await call(app, "GET", `/uploads/${hash}`, { token: tokens.samr })).status,
        404,
        "not shared with SAMR",
      );
      const log = await call(app, "GET", "/access-log", { token: tokens.owner });
      const entry = log.body.entries.find((e: { kind: string }) => e.kind === "upload");
      assert.equal(entry.uploadHash, hash);
      assert.equal(entry.departmentId, powerId);
    });

    /** Files of the upload folder, the unfinished ones (incoming/) included. */
    const filesStored = () => [
      ...readdirSync(uploadDir).filter((f) => f !== "incoming"),
      ...(existsSync(path.join(uploadDir, "incoming")) ? readdirSync(path.join(uploadDir, "incoming")) : []),
    ];

    it("refuses a streamed document that grows past the limit (no declared length): 413, nothing stored", async () => {
      const counts = await rowCounts(db);
      const files = filesStored();
      const chunk = randomBytes(16 * 1024);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 5) return controller.close();
          sent += 1;
          controller.enqueue(chunk);
        },
      });
      const response = await app.request("/uploads", {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.owner}`, "content-type": "application/octet-stream" },
        body,
        duplex: "half",
      } as RequestInit);
      assert.equal(response.status, 413);
      const answer = (await response.json()) as { error: { code: string; message: { zh: string; en: string } } };
      assert.equal(answer.error.code, "UPLOAD_TOO_LARGE");
      assert.match(answer.error.message.en, /64 KiB/);
      assert.match(answer.error.message.zh, /64 KiB/);
      assert.deepEqual(await rowCounts(db), counts);
      assert.deepEqual(filesStored(), files);
    });

    it("holds each account to its upload quota, count (429) and bytes (413), nothing stored when over", async () => {
      const [account] = await newAccounts(1);
      const limited = await testExchange(
        db,
        {},
        { maxUploadBytes: 64 * 1024, uploadDir, uploadQuota: { count: 2, bytes: 3000 } },
      );
      const token = await signIn(limited, account!.key);
      const upload = (bytes: Uint8Array) =>
        call(limited, "POST", "/uploads", {
          token,
          body: bytes as unknown as RequestInit["body"],
          headers: { "content-type": "application/octet-stream" },
        });
      assert.equal((await upload(randomBytes(1000))).status, 201);
      let counts = await rowCounts(db);
      let files = filesStored();
      const tooMuch = await upload(randomBytes(2001)); // 1000 + 2001 > 3000 bytes
      assert.equal(tooMuch.status, 413);
      assert.equal(tooMuch.body.error.code, "UPLOAD_STORAGE_EXCEEDED");
      assert.match(tooMuch.body.error.message.en, /Delete documents/);
      assert.match(tooMuch.body.error.message.zh, /上限/);
      assert.deepEqual(await rowCounts(db), counts);
      assert.deepEqual(filesStored(), files);
      assert.equal((await upload(randomBytes(1000))).status, 201);
      counts = await rowCounts(db);
      files = filesStored();
      const third = await upload(randomBytes(10));
      assert.equal(third.status, 429);
      assert.equal(third.body.error.code, "UPLOAD_QUOTA_EXCEEDED");
      assert.match(third.body.error.message.en, /2 documents/);
      assert.deepEqual(await rowCounts(db), counts);
      assert.deepEqual(filesStored(), files);
      // Deleting one frees its place, and its file goes with its last owner.
      const [first] = await db.query<{ hash: string }>("SELECT hash FROM upload_owners WHERE owner = $1 LIMIT 1", [
        account!.address.toLowerCase(),
      ]);
      assert.equal((await call(limited, "DELETE", `/uploads/${first!.hash}`, { token })).status, 204);
      assert.equal(existsSync(path.join(uploadDir, first!.hash)), false);
      assert.equal((await upload(randomBytes(10))).status, 201);
    });

    it("detects a tampered blob: altered bytes, or another document's blob under this hash", async () => {
      const second = randomBytes(512);
      const secondHash = (await raw(tokens.owner, second)).body.hash as string;
      const file = path.join(uploadDir, hash);
      const original = readFileSync(file);
      const altered = Buffer.from(original);
      altered[altered.length - 40]! ^= 0x01;
      writeFileSync(file, altered);
      const answer = await call(app, "GET", `/uploads/${hash}`, { token: tokens.owner });
      assert.equal(answer.status, 500);
      assert.equal(answer.body.error.code, "UPLOAD_TAMPERED");

      writeFileSync(file, readFileSync(path.join(uploadDir, secondHash)));
      const swapped = await call(app, "GET", `/uploads/${hash}`, { token: tokens.owner });
      assert.equal(swapped.status, 500);
      assert.equal(swapped.body.error.code, "UPLOAD_TAMPERED");
      assert.equal((await call(app, "GET", `/uploads/${secondHash}`, { token: tokens.owner })).status, 200);
    });
  });
}
