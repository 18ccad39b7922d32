/** Uploads: content-addressed, sealed at rest, shared with departments, tampering detected. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
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
      app = await testExchange(db, {}, { maxUploadBytes: 64 * 1024 });
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
      // Sealed at rest: the stored bytes are not the document.
      const [row] = await db.query<{ sealed: Uint8Array }>("SELECT sealed FROM upload_blobs WHERE hash = $1", [hash]);
      assert.ok(!Buffer.from(row!.sealed).includes(document.subarray(0, 16)));
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

    it("detects a tampered blob: altered bytes, or another document's blob under this hash", async () => {
      const second = randomBytes(512);
      const secondHash = (await raw(tokens.owner, second)).body.hash as string;
      const [row] = await db.query<{ sealed: Uint8Array }>("SELECT sealed FROM upload_blobs WHERE hash = $1", [hash]);
      const altered = Buffer.from(row!.sealed);
      altered[altered.length - 40]! ^= 0x01;
      await db.query("UPDATE upload_blobs SET sealed = $2 WHERE hash = $1", [hash, altered]);
      const answer = await call(app, "GET", `/uploads/${hash}`, { token: tokens.owner });
      assert.equal(answer.status, 500);
      assert.equal(answer.body.error.code, "UPLOAD_TAMPERED");

      await db.query(
        "UPDATE upload_blobs SET sealed = (SELECT sealed FROM upload_blobs WHERE hash = $2) WHERE hash = $1",
        [hash, secondHash],
      );
      const swapped = await call(app, "GET", `/uploads/${hash}`, { token: tokens.owner });
      assert.equal(swapped.status, 500);
      assert.equal(swapped.body.error.code, "UPLOAD_TAMPERED");
      assert.equal((await call(app, "GET", `/uploads/${secondHash}`, { token: tokens.owner })).status, 200);
    });
  });
}
