/**
 * Depositing licences issued on chain by someone other than this node (POST /licences/deposit):
 * the department built the file, the chain issued its id (here with `issueLicence` and the
 * department's own client, as the ApprovalEngine does with `issueFor` when an application
 * completes), and the department hands the file to its node. Then the holder fetches it and a
 * consented disclosure works. Every refusal writes nothing; a repeat is idempotent; a different
 * file for a held id is a conflict.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

import {
  buildLicence,
  checkDisclosure,
  eciesDecrypt,
  fieldMaskOf,
  getSealKeys,
  grantConsent,
  issueLicence,
  parseDisclosure,
  newSm2PrivateKey,
  revokeLicence,
  sealLicenceFile,
  serializeLicenceFile,
  setSealKey,
  sm2PublicKeyOf,
  verifyLicence,
  type LicenceFile,
} from "@onewindow/sdk";
import { bytesToHex, type Hex } from "viem";

import type { ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import {
  chainNow,
  clientFor,
  newAccounts,
  testChain,
  testDistrict,
  type Account,
  type TestDistrict,
} from "./helpers/chain.ts";
import { backends, call, rowCounts, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

let district: TestDistrict;
let holder: Account;
/** Holds the sealed licences (the holder's list stays the other tests'). */
let sealHolder: Account;

before(async () => {
  district = await testDistrict();
  [holder, sealHolder] = (await newAccounts(2)) as [Account, Account];
});

/** A real-estate certificate built by the housing commission for `holder` (not issued). */
async function build(fields: Record<string, string> = {}, owner: Account = holder): Promise<LicenceFile> {
  const client = await clientFor();
  return buildLicence({
    typeId: district.realEstateTypeId,
    typeVersion: 1,
    fieldNames: district.realEstateFields,
    fields: Object.fromEntries(
      district.realEstateFields
        .filter((n) => n !== "holder")
        .map((n) => [n, fields[n] ?? `${n}-${bytesToHex(randomBytes(4))}`]),
    ),
    holder: owner.address,
    issuerDepartment: district.departmentId("HD-HOUSING"),
    chainId: client.chain.id,
    registry: client.addresses.LicenceRegistry,
  }).file;
}

/** The file as JSON, as a department would send it. */
const asJson = (file: LicenceFile) => JSON.parse(serializeLicenceFile(file)) as Record<string, unknown>;

for (const backend of backends()) {
  describe(`depositing output licences on ${backend.name}`, () => {
    let db: Db;
    let app: ExchangeApp;
    let cleanup: () => Promise<void>;
    const tokens = { housing: "", power: "", holder: "" };
    let file: LicenceFile;

    before(async () => {
      ({ db, cleanup } = await backend.open());
      // No issuing key hosted: depositing needs none, only an officer's session.
      app = await testExchange(db, {});
      tokens.housing = await signIn(app, district.officer("HD-HOUSING").key);
      tokens.power = await signIn(app, district.officer("SGCC-HD").key);
      tokens.holder = await signIn(app, holder.key);
      file = await build({ address: "北京市海淀区中关村南大街5号院2号楼301", owner: "张三" });
    });
    after(async () => {
      await db.close();
      await cleanup();
    });

    const deposit = (token: string | undefined, body: unknown) =>
      call(app, "POST", "/licences/deposit", { token, json: body });

    it("deposits a sealed licence and answers its seal part; refuses one whose seal does not hold (400 SEAL_INVALID), writing nothing", async () => {
      const { admin } = await testChain();
      const housing = district.departmentId("HD-HOUSING");
      const sealKey = newSm2PrivateKey();
      await setSealKey(admin, { departmentId: housing, publicKey: sm2PublicKeyOf(sealKey) });
      const { file: sealed } = await issueLicence(district.officer("HD-HOUSING").client, {
        file: await build({}, sealHolder),
        sealKey,
      });
      const answer = await deposit(tokens.housing, { file: asJson(sealed!) });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.seal, {
        state: "valid",
        keyIndex: (await getSealKeys(admin, { departmentId: housing })).length - 1,
        reasons: [],
      });
      const fetched = await call(app, "GET", `/licences/${sealed!.licenceId}`, {
        token: await signIn(app, sealHolder.key),
      });
      assert.deepEqual(fetched.body.seal, asJson(sealed!).seal, "the holder gets the sealed file");

      // Sealed with another key than the department's: refused, nothing written.
      const { file: other } = await issueLicence(district.officer("HD-HOUSING").client, {
        file: await build({}, sealHolder),
        sealKey,
      });
      const forged = sealLicenceFile(other!, { privateKey: newSm2PrivateKey(), keyIndex: 0 });
      const before = await rowCounts(db);
      const refused = await deposit(tokens.housing, { file: asJson(forged) });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, "SEAL_INVALID");
      assert.match(JSON.stringify(refused.body.error), /签发时登记的公钥/);
      assert.deepEqual(await rowCounts(db), before);

      // A malformed seal: 400 naming the JSONPath.
      const malformed = { ...asJson(other!), seal: { ...(asJson(other!).seal as object), signature: "0x12" } };
      const named = await deposit(tokens.housing, { file: malformed });
      assert.equal(named.status, 400, JSON.stringify(named.body));
      assert.match(JSON.stringify(named.body.error), /\$\.seal\.signature/);
    });

    it("refuses a licence not issued on chain yet (404 LICENCE_NOT_ON_CHAIN), writing nothing", async () => {
      const before = await rowCounts(db);
      const answer = await deposit(tokens.housing, { file: asJson(file) });
      assert.equal(answer.status, 404, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, "LICENCE_NOT_ON_CHAIN");
      assert.deepEqual(await rowCounts(db), before);
    });

    it("deposits a licence the department issued on chain; the holder fetches it", async () => {
      await issueLicence(district.officer("HD-HOUSING").client, { file });
      const answer = await deposit(tokens.housing, { file: asJson(file) });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, {
        licenceId: file.licenceId,
        typeId: district.realEstateTypeId,
        typeVersion: 1,
        issuerDepartment: district.departmentId("HD-HOUSING"),
        holder: holder.address.toLowerCase(),
        status: "valid",
        alreadyHeld: false,
        seal: { state: "absent", reasons: [{ en: "the file carries no seal", zh: "该证照文件没有电子印章。" }] },
      });
      const rows = await db.query<{ origin: string; deposited_by: string; sealed_file: Uint8Array }>(
        "SELECT origin, deposited_by, sealed_file FROM licences WHERE licence_id = $1",
        [file.licenceId],
      );
      assert.equal(rows[0]!.origin, "deposited");
      assert.equal(rows[0]!.deposited_by, district.officer("HD-HOUSING").address.toLowerCase());
      assert.ok(!Buffer.from(rows[0]!.sealed_file).toString("utf8").includes("张三"), "sealed at rest");

      const list = await call(app, "GET", "/licences", { token: tokens.holder });
      assert.deepEqual(
        list.body.licences.map((l: { licenceId: string }) => l.licenceId),
        [file.licenceId],
      );
      const fetched = await call(app, "GET", `/licences/${file.licenceId}`, { token: tokens.holder });
      assert.equal(fetched.status, 200);
      assert.deepEqual(fetched.body.fields, asJson(file).fields);
      const onChain = (await verifyLicence(await clientFor(), { file: fetched.body })).record!;
      assert.equal(fetched.body.issuedAt, onChain.issuedAt, "issue time from the chain's record");
      assert.equal(fetched.body.expiresAt, onChain.expiresAt);
      assert.equal((await verifyLicence(await clientFor(), { file: fetched.body })).valid, true);
      assert.equal((await call(app, "GET", `/licences/${file.licenceId}`, { token: tokens.power })).status, 404);
    });

    it("is idempotent for the same file", async () => {
      const before = await rowCounts(db);
      const again = await deposit(tokens.housing, { file: asJson(file) });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.alreadyHeld, true);
      assert.deepEqual(await rowCounts(db), before);
    });

    it("a department with the holder's consent reads the deposited licence's fields", async () => {
      const power = district.officer("SGCC-HD");
      const purpose = bytesToHex(randomBytes(32));
      await grantConsent(holder.client, {
        departmentId: district.departmentId("SGCC-HD"),
        licenceId: file.licenceId,
        fieldMask: fieldMaskOf(district.realEstateFields, ["address", "owner"]),
        purpose,
        expiresAt: (await chainNow()) + 86_400,
      });
      const answer = await call(app, "POST", "/disclosures", {
        token: tokens.power,
        json: { licenceId: file.licenceId, fields: ["address", "owner"], purpose },
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const disclosure = parseDisclosure(
        JSON.parse(new TextDecoder().decode(eciesDecrypt(power.encryptionKey, answer.body.envelope as Hex))),
      );
      assert.deepEqual(disclosure.fields.map((f) => [f.name, f.value]).sort(), [
        ["address", "北京市海淀区中关村南大街5号院2号楼301"],
        ["owner", "张三"],
      ]);
      assert.equal(checkDisclosure(disclosure, { fieldNames: district.realEstateFields }).ok, true);
      assert.equal((await verifyLicence(await clientFor(), { disclosure })).valid, true);
    });

    it("refuses callers without a session (401) and accounts that are no officer (403), writing nothing", async () => {
      const before = await rowCounts(db);
      const none = await deposit(undefined, { file: asJson(file) });
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, "UNAUTHENTICATED");
      const forged = await call(app, "POST", "/licences/deposit", {
        json: { file: asJson(file) },
        headers: { authorization: `Bearer ${"A".repeat(43)}` },
      });
      assert.equal(forged.status, 401);
      const notOfficer = await deposit(tokens.holder, { file: asJson(file) });
      assert.equal(notOfficer.status, 403);
      assert.equal(notOfficer.body.error.code, "NOT_AN_OFFICER");
      assert.deepEqual(await rowCounts(db), before);
    });

    it("refuses another department's licence (403 NOT_LICENCE_ISSUER), writing nothing", async () => {
      const other = await build();
      await issueLicence(district.officer("HD-HOUSING").client, { file: other });
      const before = await rowCounts(db);
      const answer = await deposit(tokens.power, { file: asJson(other) });
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, "NOT_LICENCE_ISSUER");
      // The power company claiming it in the file changes nothing: the chain's record decides.
      const claimed = await deposit(tokens.power, {
        file: { ...asJson(other), issuerDepartment: district.departmentId("SGCC-HD") },
      });
      assert.equal(claimed.status, 403);
      assert.equal(claimed.body.error.code, "NOT_LICENCE_ISSUER");
      assert.deepEqual(await rowCounts(db), before);
    });

    it("refuses bad files (400) and files the chain's record contradicts (409), writing nothing", async () => {
      const before = await rowCounts(db);
      const fresh = await build();
      await issueLicence(district.officer("HD-HOUSING").client, { file: fresh });
      const json = asJson(fresh);
      const fields = json.fields as { name: string; value: string }[];
      const cases: [string, unknown, number, string][] = [
        ["no file", {}, 400, "INVALID_REQUEST"],
        ["an extra key", { file: json, holder: holder.address }, 400, "INVALID_REQUEST"],
        [
          "not a licence file",
          { file: { format: "onewindow.licence", version: 1, licenceId: fresh.licenceId } },
          400,
          "LICENCE_FORMAT_INVALID",
        ],
        [
          "an altered value",
          { file: { ...json, fields: fields.map((f) => (f.name === "owner" ? { ...f, value: "李四" } : f)) } },
          400,
          "LICENCE_FILE_INVALID",
        ],
        ["another chain", { file: { ...json, chainId: 1 } }, 400, "LICENCE_OTHER_DEPLOYMENT"],
        [
          "another registry",
          { file: { ...json, registry: "0x000000000000000000000000000000000000bEEF" } },
          400,
          "LICENCE_OTHER_DEPLOYMENT",
        ],
        [
          "another issuing department than the chain's",
          { file: { ...json, issuerDepartment: district.departmentId("SGCC-HD") } },
          409,
          "LICENCE_RECORD_MISMATCH",
        ],
        ["another type version", { file: { ...json, typeVersion: 2 } }, 409, "LICENCE_RECORD_MISMATCH"],
      ];
      for (const [why, body, status, code] of cases) {
        const answer = await deposit(tokens.housing, body);
        assert.equal(answer.status, status, `${why}: ${JSON.stringify(answer.body)}`);
        if (code) assert.equal(answer.body.error.code, code, why);
        assert.equal(typeof answer.body.error.message.en, "string");
        assert.ok(!JSON.stringify(answer.body).includes("李四"), `${why}: no value in the answer`);
      }
      assert.deepEqual(await rowCounts(db), before, "nothing written");
    });

    it("refuses a revoked licence (409 LICENCE_REVOKED)", async () => {
      const revoked = await build();
      const housing = district.officer("HD-HOUSING").client;
      await issueLicence(housing, { file: revoked });
      await revokeLicence(housing, { file: revoked, reason: 1 });
      const before = await rowCounts(db);
      const answer = await deposit(tokens.housing, { file: asJson(revoked) });
      assert.equal(answer.status, 409, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, "LICENCE_REVOKED");
      assert.deepEqual(await rowCounts(db), before);
    });

    it("refuses a different file for a licence id it holds (409 LICENCE_CONFLICT)", async () => {
      const before = await rowCounts(db);
      const { chainId: _chainId, registry: _registry, ...bare } = asJson(file);
      const answer = await deposit(tokens.housing, { file: bare });
      assert.equal(answer.status, 409, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, "LICENCE_CONFLICT");
      assert.deepEqual(await rowCounts(db), before);
      // The held file is unchanged.
      const fetched = await call(app, "GET", `/licences/${file.licenceId}`, { token: tokens.holder });
      assert.equal(fetched.body.registry, file.registry);
    });

    it("takes a licence issued through this node as already held", async () => {
      const issuing = await testExchange(db, {
        [district.departmentId("HD-HOUSING")]: district.officer("HD-HOUSING").client,
      });
      const token = await signIn(issuing, district.officer("HD-HOUSING").key);
      const fields = Object.fromEntries(
        district.realEstateFields.filter((n) => n !== "holder").map((n) => [n, `${n}-issued-here`]),
      );
      const issued = await call(issuing, "POST", "/licences", {
        token,
        json: { typeCode: district.realEstateCode, holder: holder.address, fields },
      });
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const held = await call(issuing, "GET", `/licences/${issued.body.licenceId}`, { token: tokens.holder });
      const before = await rowCounts(db);
      const answer = await deposit(tokens.housing, { file: held.body });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.alreadyHeld, true);
      assert.deepEqual(await rowCounts(db), before);
    });

    it("is in the OpenAPI document", async () => {
      const doc = await call(app, "GET", "/openapi.json");
      const route = doc.body.paths["/licences/deposit"].post;
      assert.ok(route, "POST /licences/deposit is documented");
      assert.ok(route.requestBody.content["application/json"].schema);
      for (const status of ["200", "201", "400", "401", "403", "404", "409"])
        assert.ok(route.responses[status], status);
    });
  });
}
