/** Sign-In with Ethereum, sessions, the error shape, the OpenAPI document and migrations. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { generatePrivateKey } from "viem/accounts";

import { migrate } from "../src/db/index.ts";
import type { ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import { testChain } from "./helpers/chain.ts";
import { backends, call, rowCounts, siweMessage, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

for (const backend of backends()) {
  describe(`auth on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    const key = generatePrivateKey();

    before(async () => {
      ({ db, cleanup } = await backend.open());
      app = await testExchange(db);
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    const nonce = async () => (await call(app, "POST", "/auth/nonce")).body.nonce as string;

    it("signs in with a fresh nonce and uses the bearer token", async () => {
      const token = await signIn(app, key);
      const list = await call(app, "GET", "/licences", { token });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body, { licences: [] });
    });

    it("refuses a replayed nonce", async () => {
      const signed = await siweMessage(key, await nonce());
      assert.equal((await call(app, "POST", "/auth/verify", { json: signed })).status, 201);
      const replay = await call(app, "POST", "/auth/verify", { json: signed });
      assert.equal(replay.status, 401);
      assert.equal(replay.body.error.code, "SIWE_NONCE_INVALID");
    });

    it("refuses a nonce it never gave", async () => {
      const answer = await call(app, "POST", "/auth/verify", {
        json: await siweMessage(key, "abcdef0123456789abcdef0123456789"),
      });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, "SIWE_NONCE_INVALID");
    });

    it("refuses an expired message, and one without expiry", async () => {
      const expired = await siweMessage(key, await nonce(), {
        issuedAt: new Date(Date.now() - 120_000),
        expirationTime: new Date(Date.now() - 60_000),
      });
      const answer = await call(app, "POST", "/auth/verify", { json: expired });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, "SIWE_EXPIRED");
      const forever = await siweMessage(key, await nonce(), { expirationTime: undefined });
      assert.equal((await call(app, "POST", "/auth/verify", { json: forever })).body.error.code, "SIWE_NO_EXPIRY");
    });

    it("refuses another domain, another chain, a message not yet valid", async () => {
      const domain = await call(app, "POST", "/auth/verify", {
        json: await siweMessage(key, await nonce(), { domain: "evil.example" }),
      });
      assert.equal(domain.status, 401);
      assert.equal(domain.body.error.code, "SIWE_WRONG_DOMAIN");
      const chain = await call(app, "POST", "/auth/verify", {
        json: await siweMessage(key, await nonce(), { chainId: 1 }),
      });
      assert.equal(chain.body.error.code, "SIWE_WRONG_CHAIN");
      const later = await call(app, "POST", "/auth/verify", {
        json: await siweMessage(key, await nonce(), { notBefore: new Date(Date.now() + 60_000) }),
      });
      assert.equal(later.body.error.code, "SIWE_NOT_YET_VALID");
    });

    it("refuses a signature by another key, and a message altered after signing", async () => {
      const n = await nonce();
      const mine = await siweMessage(key, n);
      const other = await siweMessage(generatePrivateKey(), n);
      const swapped = await call(app, "POST", "/auth/verify", {
        json: { message: mine.message, signature: other.signature },
      });
      assert.equal(swapped.status, 401);
      assert.equal(swapped.body.error.code, "SIWE_BAD_SIGNATURE");
      const altered = mine.message.replace("Issued At", "Issued  At");
      assert.equal(
        (await call(app, "POST", "/auth/verify", { json: { ...mine, message: altered } })).status >= 400,
        true,
      );
      // The nonce was not used up by the failures: the genuine message still signs in.
      assert.equal((await call(app, "POST", "/auth/verify", { json: mine })).status, 201);
    });

    it("refuses a missing, malformed or unknown bearer token", async () => {
      for (const authorization of [undefined, "Bearer", "Basic abc", "Bearer " + "A".repeat(43)]) {
        const answer = await call(app, "GET", "/access-log", authorization ? { headers: { authorization } } : {});
        assert.equal(answer.status, 401);
        assert.equal(answer.body.error.code, "UNAUTHENTICATED");
      }
    });

    it("answers unknown routes and bad JSON with the JSON error shape", async () => {
      const missing = await call(app, "GET", "/nope");
      assert.equal(missing.status, 404);
      assert.deepEqual(Object.keys(missing.body.error.message), ["zh", "en"]);
      const bad = await call(app, "POST", "/auth/verify", {
        body: "{not json",
        headers: { "content-type": "application/json" },
      });
      assert.equal(bad.status, 400);
      assert.equal(typeof bad.body.error.code, "string");
      const type = await call(app, "POST", "/auth/verify", { body: "x", headers: { "content-type": "text/plain" } });
      assert.ok(type.status === 400 || type.status === 415, String(type.status));
      assert.equal(typeof type.body.error.code, "string");
    });

    it("serves an OpenAPI 3.1 document of every route", async () => {
      const doc = await call(app, "GET", "/openapi.json");
      assert.equal(doc.status, 200);
      assert.equal(doc.body.openapi, "3.1.0");
      for (const route of [
        "/auth/nonce",
        "/auth/verify",
        "/licences",
        "/licences/{licenceId}",
        "/licences/deposit",
        "/disclosures",
        "/predicates",
        "/uploads",
        "/uploads/{hash}",
        "/uploads/{hash}/shares",
        "/access-log",
      ]) {
        assert.ok(doc.body.paths[route], `${route} is documented`);
      }
    });

    it("applies migrations once: a second run changes nothing", async () => {
      const counts = await rowCounts(db);
      assert.deepEqual(await migrate(db), []);
      assert.deepEqual(await rowCounts(db), counts);
    });
  });
}
