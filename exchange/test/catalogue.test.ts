/**
 * The catalogue's published metadata (issue 21): a catalogue editor publishes a signed document,
 * anyone reads the newest version and a version by hash; an account without the role (403), a
 * signature by another account, a document out of the schema (400 naming its JSON path) and an
 * anonymous caller (401) are refused, with nothing stored.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import {
  catalogueMetadataHash,
  signCatalogueMetadata,
  verifyCatalogueMetadata,
  type CatalogueMetadata,
} from "@onewindow/sdk";
import { bytesToHex } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";

import type { ExchangeApp } from "../src/app.ts";
import { fetchCatalogueMetadata, publishCatalogueMetadata } from "../src/client.ts";
import type { Db } from "../src/db/index.ts";
import { DEV_MNEMONIC, newAccounts, testChain, type Account } from "./helpers/chain.ts";
import { backends, call, clientOf, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

/** The deployer: the demo deployment's catalogue editor. */
const EDITOR_KEY = bytesToHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 }).getHdKey().privateKey!);
const editor = privateKeyToAccount(EDITOR_KEY);

const DOCUMENT: CatalogueMetadata = {
  version: 1,
  departments: { "HD-SAMR": { nameEn: "Haidian Administration for Market Regulation" } },
  licenceTypes: { BUSINESS_LICENCE: { name: "营业执照", nameEn: "Business licence" } },
  matters: {
    "HD-VR-HALL": {
      nameEn: "Open a VR experience hall",
      figures: "article",
      source: "Beijing Daily",
      stepNotes: ["business registration", ""],
    },
  },
  conditions: [{ bit: 2, code: "HandledByAgent", zh: "由代理人办理", en: "an agent applies for the applicant" }],
};

let stranger: Account;
before(async () => {
  [stranger] = (await newAccounts(1)) as [Account];
});

for (const backend of backends()) {
  describe(`catalogue metadata on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    const tokens = { editor: "", stranger: "" };

    before(async () => {
      ({ db, cleanup } = await backend.open());
      app = await testExchange(db);
      tokens.editor = await signIn(app, EDITOR_KEY);
      tokens.stranger = await signIn(app, stranger.key);
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    it("has none before the first publication (404, and the client says undefined)", async () => {
      assert.equal((await call(app, "GET", "/catalogue/metadata")).status, 404);
      assert.equal(await fetchCatalogueMetadata(clientOf(app)), undefined);
    });

    it("an account without the catalogue editor role is refused (403), with nothing stored", async () => {
      const before = await rowCounts(db);
      const signed = await signCatalogueMetadata(privateKeyToAccount(stranger.key), DOCUMENT);
      const answer = await call(app, "POST", "/catalogue/metadata", { token: tokens.stranger, json: signed });
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, "NOT_A_CATALOGUE_EDITOR");
      assert.match(answer.body.error.message.en, /catalogue editor/);
      assert.match(answer.body.error.message.zh, /事项目录编辑员/);
      assert.deepEqual(await rowCounts(db), before);
    });

    it("refuses an anonymous caller (401), a signature by another account and a bad document (400 naming the path)", async () => {
      const before = await rowCounts(db);
      const signed = await signCatalogueMetadata(editor, DOCUMENT);
      assert.equal((await call(app, "POST", "/catalogue/metadata", { json: signed })).status, 401);
      // The editor's session with the stranger's signature: not the signed-in account's.
      const foreign = await signCatalogueMetadata(privateKeyToAccount(stranger.key), DOCUMENT);
      const mismatch = await call(app, "POST", "/catalogue/metadata", { token: tokens.editor, json: foreign });
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.body.error.code, "METADATA_SIGNATURE_MISMATCH");
      // A condition flag that is not a single bit, and an unknown field: each named by its JSON path.
      const bad = {
        ...signed,
        document: { ...DOCUMENT, conditions: [{ bit: 3, code: "Two" }], extra: 1 },
      };
      const invalid = await call(app, "POST", "/catalogue/metadata", { token: tokens.editor, json: bad });
      assert.equal(invalid.status, 400);
      assert.equal(invalid.body.error.code, "INVALID_REQUEST");
      assert.match(invalid.body.error.message.en, /document\.conditions\.0\.bit/);
      assert.match(invalid.body.error.message.en, /document/);
      const noSignature = await call(app, "POST", "/catalogue/metadata", {
        token: tokens.editor,
        json: { document: DOCUMENT, signature: "0x1234" },
      });
      assert.equal(noSignature.status, 400);
      assert.match(noSignature.body.error.message.en, /signature/);
      assert.deepEqual(await rowCounts(db), before);
    });

    it("a catalogue editor publishes; anyone reads the newest and a version by hash; readers verify it", async () => {
      const exchange = clientOf(app);
      const first = await publishCatalogueMetadata(
        exchange,
        tokens.editor,
        await signCatalogueMetadata(editor, DOCUMENT),
      );
      assert.equal(first.hash, catalogueMetadataHash(DOCUMENT));
      assert.equal(first.publisher, editor.address.toLowerCase());
      // The same document again adds no version.
      const again = await call(app, "POST", "/catalogue/metadata", {
        token: tokens.editor,
        json: await signCatalogueMetadata(editor, DOCUMENT),
      });
      assert.equal(again.status, 200);
      const changed: CatalogueMetadata = {
        ...DOCUMENT,
        matters: { "HD-VR-HALL": { ...DOCUMENT.matters["HD-VR-HALL"]!, nameEn: "Open a VR hall" } },
      };
      const second = await publishCatalogueMetadata(
        exchange,
        tokens.editor,
        await signCatalogueMetadata(editor, changed),
      );
      assert.notEqual(second.hash, first.hash);
      const latest = await fetchCatalogueMetadata(exchange);
      assert.equal(latest?.hash, second.hash);
      assert.equal(latest?.document.matters["HD-VR-HALL"]?.nameEn, "Open a VR hall");
      const old = await fetchCatalogueMetadata(exchange, first.hash);
      assert.equal(old?.document.matters["HD-VR-HALL"]?.nameEn, "Open a VR experience hall");
      const { admin } = await testChain();
      const verified = await verifyCatalogueMetadata(admin, latest!);
      assert.equal(verified.publisher, editor.address);
      assert.equal(verified.editor, true);
      assert.equal(verified.hash, second.hash);
      // Republishing the first document makes it the newest again.
      await publishCatalogueMetadata(exchange, tokens.editor, await signCatalogueMetadata(editor, DOCUMENT));
      assert.equal((await fetchCatalogueMetadata(exchange))?.hash, first.hash);
      assert.equal((await call(app, "GET", `/catalogue/metadata/0x${"ab".repeat(32)}`)).status, 404);
      assert.equal((await call(app, "GET", "/catalogue/metadata/nothex")).status, 400);
    });

    it("describes the routes and the document in the OpenAPI document", async () => {
      const doc = await call(app, "GET", "/openapi.json");
      assert.equal(doc.status, 200, JSON.stringify(doc.body));
      assert.ok(doc.body.paths["/catalogue/metadata"]?.post);
      assert.ok(doc.body.paths["/catalogue/metadata/{hash}"]?.get);
      assert.match(JSON.stringify(doc.body), /stepNotes/);
    });
  });
}
