/**
 * Issuing, the holder's licence files, consented disclosure and predicate queries, the refusals
 * (which tell nothing), the access log, rate limit and quota; and the end-to-end flow of the
 * issue: a real-estate certificate, the holder consents to the power company for the address and
 * owner fields of one application, the power company reads exactly those fields.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

import {
  checkDisclosure,
  checkLicenceFile,
  eciesDecrypt,
  fieldMaskOf,
  grantConsent,
  grantConsentBySig,
  parseDisclosure,
  revokeConsent,
  signConsent,
  verifyLicence,
} from "@onewindow/sdk";
import { bytesToHex, type Hex } from "viem";

import type { ExchangeApp } from "../src/app.ts";
import { ChainView } from "../src/chain-view.ts";
import type { Db } from "../src/db/index.ts";
import {
  chainNow,
  clientFor,
  increaseTime,
  newAccounts,
  testChain,
  testDistrict,
  type Account,
  type TestDistrict,
} from "./helpers/chain.ts";
import { backends, call, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

const KNOWN: Record<string, string> = {
  certificateNumber: "京(2026)海淀区不动产权第0012345号",
  owner: "张三",
  ownerIdNumber: "110108199001011234",
  address: "北京市海淀区中关村南大街5号院2号楼301",
  area: "89.5",
  use: "住宅",
  registeredOn: "2026-03-02",
};
const purpose = (): Hex => bytesToHex(randomBytes(32));

let district: TestDistrict;
let holder: Account;
let stranger: Account;
/** A value for every field of the schema (the data may grow): the known ones, and fillers. */
let FIELDS: Record<string, string>;
before(async () => {
  district = await testDistrict();
  [holder, stranger] = (await newAccounts(2)) as [Account, Account];
  FIELDS = Object.fromEntries(
    district.realEstateFields.filter((n) => n !== "holder").map((n) => [n, KNOWN[n] ?? `${n}-示例值`]),
  );
});

for (const backend of backends()) {
  describe(`issuing and consented reads on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    const tokens = { housing: "", power: "", samr: "", holder: "", stranger: "" };
    let licenceId: Hex;
    let powerId: number;
    const application = purpose();

    before(async () => {
      ({ db, cleanup } = await backend.open());
      powerId = district.departmentId("SGCC-HD");
      app = await testExchange(db, {
        [district.departmentId("HD-HOUSING")]: district.officer("HD-HOUSING").client,
        // HD-SAMR's key is hosted too, but it may not issue real-estate certificates.
        [district.departmentId("HD-SAMR")]: district.officer("HD-SAMR").client,
      });
      tokens.housing = await signIn(app, district.officer("HD-HOUSING").key);
      tokens.power = await signIn(app, district.officer("SGCC-HD").key);
      tokens.samr = await signIn(app, district.officer("HD-SAMR").key);
      tokens.holder = await signIn(app, holder.key);
      tokens.stranger = await signIn(app, stranger.key);
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    const issueBody = () => ({ typeCode: district.realEstateCode, holder: holder.address, fields: FIELDS });
    const disclose = (token: string, body: object) => call(app, "POST", "/disclosures", { token, json: body });

    it("issues a real-estate certificate through the housing commission's node", async () => {
      const answer = await call(app, "POST", "/licences", { token: tokens.housing, json: issueBody() });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      licenceId = answer.body.licenceId;
      const onChain = await verifyLicence(await clientFor(), {
        file: (await call(app, "GET", `/licences/${licenceId}`, { token: tokens.holder })).body,
      });
      assert.equal(onChain.valid, true);
      assert.equal(onChain.issuer.departmentId, district.departmentId("HD-HOUSING"));
    });

    it("refuses to issue for a caller without a session, a non-officer, a department it holds no key of, or one the chain refuses", async () => {
      const before = await rowCounts(db);
      const none = await call(app, "POST", "/licences", { json: issueBody() });
      assert.equal(none.status, 401);
      const notOfficer = await call(app, "POST", "/licences", { token: tokens.holder, json: issueBody() });
      assert.equal(notOfficer.status, 403);
      assert.equal(notOfficer.body.error.code, "NOT_AN_OFFICER");
      const notHosted = await call(app, "POST", "/licences", { token: tokens.power, json: issueBody() });
      assert.equal(notHosted.status, 403);
      assert.equal(notHosted.body.error.code, "ISSUER_NOT_HOSTED");
      const refused = await call(app, "POST", "/licences", { token: tokens.samr, json: issueBody() });
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, "NOT_AUTHORISED_ISSUER");
      const unknownType = await call(app, "POST", "/licences", {
        token: tokens.housing,
        json: { ...issueBody(), typeCode: "NO_SUCH_TYPE" },
      });
      assert.equal(unknownType.status, 400);
      const missingField = await call(app, "POST", "/licences", {
        token: tokens.housing,
        json: { ...issueBody(), fields: { owner: "张三" } },
      });
      assert.equal(missingField.status, 400);
      assert.deepEqual(await rowCounts(db), before, "no row, not even a pending one");
    });

    it("gives the holder their own licence files, and nobody else", async () => {
      const list = await call(app, "GET", "/licences", { token: tokens.holder });
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.licences.map((l: { licenceId: string }) => l.licenceId),
        [licenceId],
      );
      const file = await call(app, "GET", `/licences/${licenceId}`, { token: tokens.holder });
      assert.equal(file.status, 200);
      assert.equal(checkLicenceFile(file.body).ok, true);
      assert.equal(file.body.fields.find((f: { name: string }) => f.name === "owner").value, FIELDS.owner);
      for (const token of [tokens.stranger, tokens.housing, tokens.power]) {
        const other = await call(app, "GET", `/licences/${licenceId}`, { token });
        assert.equal(other.status, 404);
        assert.deepEqual((await call(app, "GET", "/licences", { token })).body, { licences: [] });
      }
      assert.equal((await call(app, "GET", `/licences/${licenceId}`)).status, 401);
    });

    it("end to end: the holder consents (EIP-712, submitted by the power company) and the power company reads exactly address and owner", async () => {
      const power = district.officer("SGCC-HD");
      const now = await chainNow();
      const signed = await signConsent(holder.client, {
        departmentId: powerId,
        licenceId,
        fieldMask: fieldMaskOf(district.realEstateFields, ["address", "owner"]),
        purpose: application,
        expiresAt: now + 7 * 86_400,
        deadline: now + 3_600,
      });
      await grantConsentBySig(power.client, { signed });

      const answer = await disclose(tokens.power, { licenceId, fields: ["address", "owner"], purpose: application });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.match(answer.body.evidence.blockHash, /^0x[0-9a-f]{64}$/);
      assert.ok(Number(answer.body.evidence.blockNumber) > 0);
      const disclosure = parseDisclosure(
        JSON.parse(new TextDecoder().decode(eciesDecrypt(power.encryptionKey, answer.body.envelope))),
      );
      assert.deepEqual(disclosure.fields.map((f) => [f.name, f.value]).sort(), [
        ["address", FIELDS.address],
        ["owner", FIELDS.owner],
      ]);
      assert.equal(checkDisclosure(disclosure, { fieldNames: district.realEstateFields }).ok, true);
      const verdict = await verifyLicence(await clientFor(), { disclosure });
      assert.equal(
        verdict.valid,
        true,
        [...verdict.integrity.problems, ...verdict.status.problems, ...verdict.issuer.problems].join("; "),
      );
      // Nothing else: no other value or salt anywhere in the plaintext or the answer.
      const plaintext = new TextDecoder().decode(eciesDecrypt(power.encryptionKey, answer.body.envelope));
      for (const [name, value] of Object.entries(FIELDS)) {
        if (name === "address" || name === "owner") continue;
        assert.ok(!plaintext.includes(value), `${name} is not disclosed`);
        assert.ok(!JSON.stringify(answer.body).includes(value));
      }
      // Another department's key cannot open it.
      assert.throws(() => eciesDecrypt(district.officer("HD-SAMR").encryptionKey, answer.body.envelope));
    });

    it("says so (409) when the department's registered key is no curve point, and logs nothing granted", async () => {
      // The registry takes any 33 bytes starting 02 or 03; x = 2^256 - 1 is on no curve.
      const original = ChainView.prototype.encryptionKeyOf;
      ChainView.prototype.encryptionKeyOf = async () => `0x02${"ff".repeat(32)}`;
      try {
        const before = await rowCounts(db);
        const answer = await disclose(tokens.power, { licenceId, fields: ["address", "owner"], purpose: application });
        assert.equal(answer.status, 409, JSON.stringify(answer.body));
        assert.equal(answer.body.error.code, "NO_ENCRYPTION_KEY");
        assert.deepEqual(await rowCounts(db), before, "no access-log row, no quota used");
      } finally {
        ChainView.prototype.encryptionKeyOf = original;
      }
    });

    it("refuses, with one and the same answer, every read not covered by a consent", async () => {
      const refusals = {
        "a field outside the consent": await disclose(tokens.power, {
          licenceId,
          fields: ["address", "ownerIdNumber"],
          purpose: application,
        }),
        "a field the type does not have": await disclose(tokens.power, {
          licenceId,
          fields: ["salary"],
          purpose: application,
        }),
        "another purpose": await disclose(tokens.power, { licenceId, fields: ["address"], purpose: purpose() }),
        "another department": await disclose(tokens.samr, { licenceId, fields: ["address"], purpose: application }),
        "a licence nobody issued": await disclose(tokens.power, {
          licenceId: bytesToHex(randomBytes(32)),
          fields: ["address"],
          purpose: application,
        }),
        "a predicate on a field outside the consent": await call(app, "POST", "/predicates", {
          token: tokens.power,
          json: { op: "eq", licenceId, field: "ownerIdNumber", value: FIELDS.ownerIdNumber, purpose: application },
        }),
      };
      const first = Object.values(refusals)[0]!;
      for (const [why, answer] of Object.entries(refusals)) {
        assert.equal(answer.status, 403, `${why}: ${JSON.stringify(answer.body)}`);
        assert.deepEqual(answer.body, first.body, `${why}: the same answer`);
        assert.equal(answer.body.error.code, "NOT_PERMITTED");
      }
      const holderAsks = await disclose(tokens.holder, { licenceId, fields: ["address"], purpose: application });
      assert.equal(holderAsks.status, 403);
      assert.equal(holderAsks.body.error.code, "NOT_AN_OFFICER");
      assert.equal((await disclose("", { licenceId, fields: ["address"], purpose: application })).status, 401);
    });

    it("refuses after the holder revokes the consent", async () => {
      const p = purpose();
      await grantConsent(holder.client, {
        departmentId: powerId,
        licenceId,
        fieldMask: fieldMaskOf(district.realEstateFields, ["address"]),
        purpose: p,
        expiresAt: (await chainNow()) + 86_400,
      });
      assert.equal((await disclose(tokens.power, { licenceId, fields: ["address"], purpose: p })).status, 200);
      await revokeConsent(holder.client, { departmentId: powerId, licenceId, purpose: p });
      const answer = await disclose(tokens.power, { licenceId, fields: ["address"], purpose: p });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, "NOT_PERMITTED");
      // The holder sees the refused attempt, with who asked, for what and which fields.
      const newest = (await call(app, "GET", "/access-log?limit=1", { token: tokens.holder })).body.entries[0];
      assert.equal(newest.outcome, "denied");
      assert.equal(newest.departmentId, powerId);
      assert.equal(newest.officer, district.officer("SGCC-HD").address.toLowerCase());
      assert.equal(newest.purpose, p);
      assert.deepEqual(newest.fields, ["address"]);
    });

    it("refuses once the consent has expired", async () => {
      const p = purpose();
      await grantConsent(holder.client, {
        departmentId: powerId,
        licenceId,
        fieldMask: fieldMaskOf(district.realEstateFields, ["address"]),
        purpose: p,
        expiresAt: (await chainNow()) + 30,
      });
      assert.equal((await disclose(tokens.power, { licenceId, fields: ["address"], purpose: p })).status, 200);
      await increaseTime(120);
      const answer = await disclose(tokens.power, { licenceId, fields: ["address"], purpose: p });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, "NOT_PERMITTED");
    });

    it("answers predicates yes or no under the consent, without the value", async () => {
      const ask = (json: object) =>
        call(app, "POST", "/predicates", { token: tokens.power, json: { licenceId, purpose: application, ...json } });
      const eq = await ask({ op: "eq", field: "owner", value: FIELDS.owner });
      assert.equal(eq.status, 200, JSON.stringify(eq.body));
      assert.equal(eq.body.answer, true);
      assert.equal(eq.body.valid, true);
      assert.equal((await ask({ op: "eq", field: "owner", value: "李四" })).body.answer, false);
      assert.equal((await ask({ op: "startsWith", field: "address", value: "北京市海淀区" })).body.answer, true);
      assert.equal((await ask({ op: "startsWith", field: "address", value: "上海市" })).body.answer, false);
      assert.ok(!JSON.stringify(eq.body).includes(FIELDS.owner!));

      const p = purpose();
      await grantConsent(holder.client, {
        departmentId: powerId,
        licenceId,
        fieldMask: fieldMaskOf(district.realEstateFields, ["area", "registeredOn"]),
        purpose: p,
        expiresAt: (await chainNow()) + 86_400,
      });
      const range = (json: object) =>
        call(app, "POST", "/predicates", {
          token: tokens.power,
          json: { licenceId, purpose: p, op: "range", ...json },
        });
      assert.equal((await range({ field: "area", min: "60", max: "90" })).body.answer, true);
      assert.equal((await range({ field: "area", min: "90" })).body.answer, false);
      assert.equal((await range({ field: "area", max: "100" })).body.answer, true, "numeric, not string, order");
      assert.equal((await range({ field: "registeredOn", min: "2026-01-01", max: "2026-12-31" })).body.answer, true);
      assert.equal((await range({ field: "area" })).status, 400, "a range needs a bound");
    });

    it("shows the holder who read what, when, for what, with the evidence; values never", async () => {
      const log = await call(app, "GET", "/access-log?limit=500", { token: tokens.holder });
      assert.equal(log.status, 200);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- entries of the access log, as JSON
      const entries = log.body.entries as Array<Record<string, any>>;
      const disclosure = entries.find(
        (e) => e.kind === "disclosure" && e.outcome === "granted" && e.purpose === application,
      )!;
      assert.deepEqual(disclosure.fields, ["address", "owner"]);
      assert.equal(disclosure.departmentId, powerId);
      assert.equal(disclosure.officer, district.officer("SGCC-HD").address.toLowerCase());
      assert.equal(disclosure.licenceId, licenceId);
      assert.match(disclosure.evidence.blockHash, /^0x[0-9a-f]{64}$/);
      assert.ok(entries.some((e) => e.outcome === "denied" && e.departmentId === district.departmentId("HD-SAMR")));
      assert.ok(entries.some((e) => e.kind === "predicate" && e.predicateOp === "startsWith" && e.answer === true));
      const text = JSON.stringify(log.body);
      for (const value of Object.values(FIELDS)) assert.ok(!text.includes(value), "no value in the log");
      const page = await call(app, "GET", "/access-log?limit=2", { token: tokens.holder });
      assert.equal(page.body.entries.length, 2);
      const next = await call(app, "GET", `/access-log?limit=2&before=${String(page.body.next)}`, {
        token: tokens.holder,
      });
      assert.ok(Number(next.body.entries[0].id) < Number(page.body.entries[1].id) + 1);
      assert.deepEqual((await call(app, "GET", "/access-log", { token: tokens.stranger })).body.entries, []);
      assert.equal((await call(app, "GET", "/access-log")).status, 401);
    });

    it("limits a department's rate (429 with Retry-After) and its daily quota", async () => {
      const request = { licenceId, fields: ["address"], purpose: application };
      const limited = await testExchange(db, {}, { rateLimit: { perSecond: 0.01, burst: 2 } });
      const token = await signIn(limited, district.officer("SGCC-HD").key);
      assert.equal((await call(limited, "POST", "/disclosures", { token, json: request })).status, 200);
      assert.equal((await call(limited, "POST", "/disclosures", { token, json: request })).status, 200);
      const third = await call(limited, "POST", "/disclosures", { token, json: request });
      assert.equal(third.status, 429);
      assert.equal(third.body.error.code, "RATE_LIMITED");
      assert.ok(Number(third.headers.get("retry-after")) >= 1);

      const used = Number(
        (await db.query<{ used: number }>("SELECT used FROM quota_usage WHERE department_id = $1", [powerId]))[0]!.used,
      );
      const quota = await testExchange(db, {}, { dailyQuota: used + 1 });
      const quotaToken = await signIn(quota, district.officer("SGCC-HD").key);
      assert.equal((await call(quota, "POST", "/disclosures", { token: quotaToken, json: request })).status, 200);
      const over = await call(quota, "POST", "/disclosures", { token: quotaToken, json: request });
      assert.equal(over.status, 429);
      assert.equal(over.body.error.code, "DAILY_QUOTA_EXCEEDED");
      // The read the quota refused is an attempt on the holder's data: their log shows it, refused.
      const newest = (await call(app, "GET", "/access-log?limit=1", { token: tokens.holder })).body.entries[0];
      assert.equal(newest.kind, "disclosure");
      assert.equal(newest.outcome, "denied");
      assert.equal(newest.departmentId, powerId);
      assert.deepEqual(newest.fields, ["address"]);
      assert.equal(newest.purpose, application);
    });
  });
}
