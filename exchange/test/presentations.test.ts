/**
 * Presentations (issue 16): the holder stores a disclosure sealed in their browser, anyone with the
 * link opens it (each opening in the holder's access log), the holder withdraws it; bad input,
 * someone else's withdrawal, an expired or withdrawn presentation are refused.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { discloseFields, openPresentation, sealPresentation, verifyLicence } from "@onewindow/sdk";
import type { Hex } from "viem";

import type { ExchangeApp } from "../src/app.ts";
import {
  createPresentation,
  ExchangeRequestError,
  fetchPresentation,
  listMyPresentations,
  withdrawPresentation,
} from "../src/client.ts";
import type { Db } from "../src/db/index.ts";
import { clientFor, newAccounts, testChain, testDistrict, type Account, type TestDistrict } from "./helpers/chain.ts";
import { backends, call, clientOf, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

let district: TestDistrict;
let holder: Account;
let stranger: Account;
let FIELDS: Record<string, string>;
before(async () => {
  district = await testDistrict();
  [holder, stranger] = (await newAccounts(2)) as [Account, Account];
  FIELDS = Object.fromEntries(district.realEstateFields.filter((n) => n !== "holder").map((n) => [n, `${n}-示例值`]));
});

for (const backend of backends()) {
  describe(`presentations on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    const tokens = { housing: "", holder: "", stranger: "" };
    let licenceId: Hex;
    let file: Parameters<typeof discloseFields>[0];
    const chosen = () => district.realEstateFields.filter((n) => n !== "holder").slice(0, 3);

    before(async () => {
      ({ db, cleanup } = await backend.open());
      app = await testExchange(db, {
        [district.departmentId("HD-HOUSING")]: district.officer("HD-HOUSING").client,
      });
      tokens.housing = await signIn(app, district.officer("HD-HOUSING").key);
      tokens.holder = await signIn(app, holder.key);
      tokens.stranger = await signIn(app, stranger.key);
      const issued = await call(app, "POST", "/licences", {
        token: tokens.housing,
        json: { typeCode: district.realEstateCode, holder: holder.address, fields: FIELDS },
      });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      licenceId = issued.body.licenceId;
      file = (await call(app, "GET", `/licences/${licenceId}`, { token: tokens.holder })).body;
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    it("stores only sealed bytes; the link's key opens exactly the chosen fields, which verify on chain", async () => {
      const exchange = clientOf(app);
      const disclosure = discloseFields(file, chosen());
      const { ciphertext, key } = sealPresentation(disclosure);
      const stored = await createPresentation(exchange, tokens.holder, { licenceId, ciphertext, lifetimeSeconds: 600 });
      assert.match(stored.id, /^[A-Za-z0-9_-]{22}$/);
      assert.equal(stored.withdrawnAt, null);
      // No value of any field is at rest, in the clear, on the exchange.
      const [row] = await db.query<{ ciphertext: Uint8Array }>("SELECT ciphertext FROM presentations WHERE id = $1", [
        stored.id,
      ]);
      const atRest = Buffer.from(row!.ciphertext).toString("utf8");
      for (const value of Object.values(FIELDS)) assert.ok(!atRest.includes(value));

      const opened = await fetchPresentation(exchange, stored.id);
      const shown = openPresentation(opened.ciphertext as Hex, key);
      assert.deepEqual(
        shown.fields.map((f) => f.name),
        chosen(),
      );
      const verdict = await verifyLicence(await clientFor(), { disclosure: shown });
      assert.equal(verdict.valid, true, verdict.integrity.problems.join("; "));

      // The holder sees the opening in their access log, with no department or account.
      const log = await call(app, "GET", "/access-log", { token: tokens.holder });
      const entry = log.body.entries.find((e: { presentationId: string | null }) => e.presentationId === stored.id);
      assert.deepEqual(
        [entry.kind, entry.outcome, entry.departmentId, entry.officer, entry.licenceId],
        ["presentation-opened", "granted", null, null, licenceId],
      );
      assert.deepEqual(
        (await listMyPresentations(exchange, tokens.holder)).presentations.map((p) => p.id),
        [stored.id],
      );
    });

    it("refuses bad input, a licence the caller does not hold, and a caller without a session; nothing is stored", async () => {
      const before = await rowCounts(db);
      const { ciphertext } = sealPresentation(discloseFields(file, chosen()));
      const post = (json: unknown, token: string = tokens.holder) =>
        call(app, "POST", "/presentations", { token, json });
      for (const bad of [
        { licenceId, ciphertext, lifetimeSeconds: 59 },
        { licenceId, ciphertext, lifetimeSeconds: 31 * 24 * 3600 },
        { licenceId, ciphertext, lifetimeSeconds: 60.5 },
        { licenceId, ciphertext: "0x1234", lifetimeSeconds: 600 },
        { licenceId, ciphertext: "not hex", lifetimeSeconds: 600 },
        { licenceId: "0x12", ciphertext, lifetimeSeconds: 600 },
        { licenceId, ciphertext, lifetimeSeconds: 600, fields: ["owner"] },
      ]) {
        const answer = await post(bad);
        assert.equal(answer.status, 400, JSON.stringify(bad));
        assert.equal(answer.body.error.code, "INVALID_REQUEST");
      }
      const notHeld = await post({ licenceId, ciphertext, lifetimeSeconds: 600 }, tokens.stranger);
      assert.equal(notHeld.status, 404);
      assert.equal(notHeld.body.error.code, "LICENCE_NOT_HELD");
      assert.ok(notHeld.body.error.message.zh && notHeld.body.error.message.en);
      const anonymous = await call(app, "POST", "/presentations", {
        json: { licenceId, ciphertext, lifetimeSeconds: 600 },
      });
      assert.equal(anonymous.status, 401);
      assert.equal((await call(app, "GET", "/presentations/not-an-id")).status, 400);
      const unknown = await call(app, "GET", "/presentations/AAAAAAAAAAAAAAAAAAAAAA");
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, "PRESENTATION_NOT_FOUND");
      assert.deepEqual(await rowCounts(db), before);
    });

    it("refuses a withdrawal by another account (the presentation still opens); its holder's withdrawal closes it", async () => {
      const exchange = clientOf(app);
      const { ciphertext } = sealPresentation(discloseFields(file, chosen()));
      const { id } = await createPresentation(exchange, tokens.holder, { licenceId, ciphertext, lifetimeSeconds: 600 });
      const byStranger = await call(app, "DELETE", `/presentations/${id}`, { token: tokens.stranger });
      assert.equal(byStranger.status, 404);
      assert.equal((await call(app, "DELETE", `/presentations/${id}`)).status, 401);
      assert.equal((await fetchPresentation(exchange, id)).id, id);

      const withdrawn = await withdrawPresentation(exchange, tokens.holder, id);
      assert.ok(withdrawn.withdrawnAt);
      const gone = await call(app, "GET", `/presentations/${id}`);
      assert.equal(gone.status, 410);
      assert.equal(gone.body.error.code, "PRESENTATION_WITHDRAWN");
      assert.equal(gone.body.ciphertext, undefined);
      // The sealed bytes are forgotten, and the refused attempt is in the holder's log.
      const [row] = await db.query<{ n: number }>(
        "SELECT length(ciphertext)::int AS n FROM presentations WHERE id = $1",
        [id],
      );
      assert.equal(Number(row!.n), 0);
      const log = await call(app, "GET", "/access-log", { token: tokens.holder });
      assert.equal(
        log.body.entries.find((e: { presentationId: string | null }) => e.presentationId === id).outcome,
        "denied",
      );
    });

    it("refuses an expired presentation (the exchange's clock decides)", async () => {
      const exchange = clientOf(app);
      const { ciphertext } = sealPresentation(discloseFields(file, chosen()));
      const { id } = await createPresentation(exchange, tokens.holder, { licenceId, ciphertext, lifetimeSeconds: 60 });
      assert.equal((await fetchPresentation(exchange, id)).id, id);
      await db.query("UPDATE presentations SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
      await assert.rejects(fetchPresentation(exchange, id), (error: unknown) => {
        assert.ok(error instanceof ExchangeRequestError);
        assert.equal(error.status, 410);
        assert.equal(error.code, "PRESENTATION_EXPIRED");
        return true;
      });
    });
  });
}
