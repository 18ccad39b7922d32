/**
 * What verifiers of exported credentials fetch from the exchange: the JSON-LD context, issuer
 * metadata and the status lists, read from the chain at the latest block. A licence revoked on
 * chain is revoked in the lists served from the next block on.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import {
  buildLicence,
  issueLicence,
  issueLicences,
  revokeLicence,
  serializeLicenceFile,
  suspendLicence,
  type LicenceFile,
} from "@onewindow/sdk";
import {
  addressOfJwk,
  CredentialStatus,
  exportLicenceCredential,
  ONEWINDOW_CONTEXT,
  verifyExportedCredential,
} from "@onewindow/sdk/vc";
import { Bitstring } from "@digitalbazaar/bitstring";
import { getListFromStatusListJWT } from "@sd-jwt/jwt-status-list";
import { decodeJwt, EmbeddedJWK, jwtVerify } from "jose";
import type { Hex } from "viem";

import type { ExchangeApp } from "../src/app.ts";
import type { Db } from "../src/db/index.ts";
import { configFromEnv } from "../src/server.ts";
import { newAccounts, testChain, testDistrict, type Officer, type TestDistrict } from "./helpers/chain.ts";
import { backends, call, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

const BASE = "http://localhost";
let district: TestDistrict;
let housing: Officer;
let departmentId: number;
let app: ExchangeApp;
let cleanup: () => Promise<void>;
let db: Db;

function build(holder: Hex = housing.address): LicenceFile {
  const fields = Object.fromEntries(
    district.realEstateFields
      .filter((n) => n !== "holder")
      .map((n) => [n, `${n} 值 ${Math.random().toString(36).slice(2, 8)}`]),
  );
  return buildLicence({
    typeId: district.realEstateTypeId,
    typeVersion: 1,
    fieldNames: district.realEstateFields,
    fields,
    holder,
    issuerDepartment: departmentId,
  }).file;
}

/** Status at `index` of the department's W3C list for `purpose`, decoded by @digitalbazaar/bitstring. */
async function w3cStatus(purpose: "revocation" | "suspension", index: number): Promise<boolean> {
  const list = await text(`/status-lists/${departmentId}/${purpose}`);
  const { payload } = await jwtVerify(list.body, EmbeddedJWK, { typ: "vc+jwt" });
  const encoded = (payload.credentialSubject as { encodedList: string }).encodedList;
  return new Bitstring({ buffer: await Bitstring.decodeBits({ encoded: encoded.slice(1) }) }).get(index);
}

/** Each licence's status in the department's lists now: IETF (checked against both W3C lists). */
async function statusesNow(indexes: readonly number[]): Promise<number[]> {
  const token = getListFromStatusListJWT((await text(`/status-lists/${departmentId}`)).body);
  const statuses = [];
  for (const index of indexes) {
    const status = token.getStatus(index);
    assert.equal(await w3cStatus("revocation", index), status === CredentialStatus.Revoked);
    assert.equal(await w3cStatus("suspension", index), status === CredentialStatus.Suspended);
    statuses.push(status);
  }
  return statuses;
}

/** Status-list indexes of a batch's members, as an officer holding all their ids exports them. */
async function batchIndexes(files: readonly LicenceFile[]): Promise<number[]> {
  const ids = files.map((f) => f.licenceId);
  return Promise.all(
    files.map(
      async (file) =>
        (await exportLicenceCredential(housing.client, { file, format: "vc", baseUrl: BASE, batchMemberIds: ids }))
          .statusIndex,
    ),
  );
}

async function text(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await app.request(url);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

before(async () => {
  district = await testDistrict();
  housing = district.officer("HD-HOUSING");
  departmentId = district.departmentId("HD-HOUSING");
  const opened = await backends()[0]!.open();
  cleanup = opened.cleanup;
  db = opened.db;
  app = await testExchange(opened.db, { [departmentId]: housing.client });
});

after(async () => cleanup?.());

describe("credential routes", () => {
  it("serves the JSON-LD context the W3C credentials name", async () => {
    const answer = await text("/contexts/onewindow/credentials/v1");
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get("content-type"), "application/ld+json");
    assert.deepEqual(JSON.parse(answer.body), ONEWINDOW_CONTEXT);
  });

  it("serves issuer metadata whose key is an officer of the department on chain", async () => {
    const answer = await call(app, "GET", `/.well-known/jwt-vc-issuer/issuers/${departmentId}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.issuer, `${BASE}/issuers/${departmentId}`);
    assert.equal(addressOfJwk(answer.body.jwks.keys[0]), housing.address);
  });

  it("revoked on chain: the next block's lists say revoked (IETF and W3C), checked by @sd-jwt/jwt-status-list and jose", async () => {
    const file = build();
    await issueLicence(housing.client, { file });
    const { credential, statusIndex } = await exportLicenceCredential(housing.client, {
      file,
      format: "sd-jwt",
      baseUrl: BASE,
    });
    const before = await text(`/status-lists/${departmentId}`);
    assert.equal(before.status, 200);
    assert.equal(before.headers.get("content-type"), "application/statuslist+jwt");
    const { protectedHeader } = await jwtVerify(before.body, EmbeddedJWK, { typ: "statuslist+jwt" });
    assert.equal(addressOfJwk(protectedHeader.jwk), housing.address);
    assert.equal(getListFromStatusListJWT(before.body).getStatus(statusIndex), CredentialStatus.Valid);
    // Cached for the block: the same text until a block is mined.
    assert.equal((await text(`/status-lists/${departmentId}`)).body, before.body);

    await revokeLicence(housing.client, { file, reason: 1 });
    const after = await text(`/status-lists/${departmentId}`);
    assert.ok(BigInt(after.headers.get("x-onewindow-block")!) > BigInt(before.headers.get("x-onewindow-block")!));
    assert.equal(getListFromStatusListJWT(after.body).getStatus(statusIndex), CredentialStatus.Revoked);
    const w3c = await text(`/status-lists/${departmentId}/revocation`);
    assert.equal(w3c.headers.get("content-type"), "application/vc+jwt");
    const { payload } = await jwtVerify(w3c.body, EmbeddedJWK, { typ: "vc+jwt" });
    assert.equal((payload.credentialSubject as { statusPurpose: string }).statusPurpose, "revocation");
    assert.equal((await verifyExportedCredential(housing.client, credential)).status.status, "revoked");
  });

  it("suspended on chain: the IETF list says suspended", async () => {
    const file = build();
    await issueLicence(housing.client, { file });
    const { statusIndex } = await exportLicenceCredential(housing.client, { file, format: "vc", baseUrl: BASE });
    await suspendLicence(housing.client, { file, reason: 2 });
    const list = await text(`/status-lists/${departmentId}`);
    assert.equal(getListFromStatusListJWT(list.body).getStatus(statusIndex), CredentialStatus.Suspended);
  });

  it("the holder exports a licence the node issued, in both formats; nobody else can", async () => {
    const [holder, stranger] = await newAccounts(2);
    const fields = Object.fromEntries(
      district.realEstateFields.filter((n) => n !== "holder").map((n) => [n, `${n} 值`]),
    );
    const officerToken = await signIn(app, housing.key);
    const issued = await call(app, "POST", "/licences", {
      token: officerToken,
      json: { typeCode: district.realEstateCode, holder: holder!.address, fields },
    });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const licenceId = issued.body.licenceId as string;
    const token = await signIn(app, holder!.key);
    for (const format of ["vc", "sd-jwt"]) {
      const response = await app.request(`/credentials/${licenceId}?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200);
      assert.equal(
        response.headers.get("content-type"),
        format === "vc" ? "application/vc+jwt" : "application/dc+sd-jwt",
      );
      const verdict = await verifyExportedCredential(housing.client, await response.text());
      assert.equal(verdict.valid, true, [...verdict.issuer.problems, ...verdict.status.problems].join("; "));
      assert.equal(verdict.credential.issuer, `${BASE}/issuers/${departmentId}`);
    }
    const noFormat = await call(app, "GET", `/credentials/${licenceId}`, { token });
    assert.equal(noFormat.status, 400);
    assert.equal(noFormat.body.error.code, "INVALID_CREDENTIAL_FORMAT");
    const other = await call(app, "GET", `/credentials/${licenceId}?format=vc`, {
      token: await signIn(app, stranger!.key),
    });
    assert.equal(other.status, 404);
    const anonymous = await call(app, "GET", `/credentials/${licenceId}?format=vc`);
    assert.equal(anonymous.status, 401);
  });

  it("bad input: a department id that is not one, or whose key this node does not hold, gets a clear error", async () => {
    const bad = await call(app, "GET", "/status-lists/abc");
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, "INVALID_DEPARTMENT_ID");
    const other = await call(app, "GET", `/status-lists/${district.departmentId("HD-SAMR")}/suspension`);
    assert.equal(other.status, 404);
    assert.equal(other.body.error.code, "NO_ISSUING_KEY");
    assert.match(other.body.error.message.zh, /签发密钥/);
    const meta = await call(app, "GET", "/issuers/0");
    assert.equal(meta.status, 400);
  });
});

describe("batch members in the status lists", () => {
  const { Valid, Revoked, Suspended } = CredentialStatus;

  it("members deposited: one revoked alone and another suspended alone are so in the next block's lists, their siblings valid; the holder exports a member", async () => {
    const [holder] = await newAccounts(1);
    const { files } = await issueLicences(housing.client, {
      files: [build(holder!.address), build(), build(), build()],
    });
    const officerToken = await signIn(app, housing.key);
    for (const file of files) {
      const deposited = await call(app, "POST", "/licences/deposit", {
        token: officerToken,
        json: { file: JSON.parse(serializeLicenceFile(file)) },
      });
      assert.equal(deposited.status, 201, JSON.stringify(deposited.body));
    }
    const indexes = await batchIndexes(files);

    const token = await signIn(app, holder!.key);
    const exported: Record<string, string> = {};
    for (const format of ["vc", "sd-jwt"]) {
      const response = await app.request(`/credentials/${files[0]!.licenceId}?format=${format}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200, await response.clone().text());
      exported[format] = await response.text();
      const verdict = await verifyExportedCredential(housing.client, exported[format]);
      assert.equal(verdict.valid, true, [...verdict.issuer.problems, ...verdict.status.problems].join("; "));
    }
    const claims = decodeJwt(exported["sd-jwt"]!.split("~")[0]!) as { status: { status_list: { idx: number } } };
    assert.equal(claims.status.status_list.idx, indexes[0]);

    await revokeLicence(housing.client, { file: files[1]!, reason: 1 });
    await suspendLicence(housing.client, { file: files[2]!, reason: 2 });
    assert.deepEqual(await statusesNow(indexes), [Valid, Revoked, Suspended, Valid]);
    assert.equal((await text(`/status-lists/${departmentId}`)).headers.get("x-onewindow-unplaced-batches"), "0");
    assert.equal((await verifyExportedCredential(housing.client, exported.vc!)).valid, true);
  });

  it("members this node never saw: the whole batch is suspended (never valid) and counted, until an officer posts the batch's ids", async () => {
    const { files } = await issueLicences(housing.client, { files: [build(), build(), build()] });
    const ids = files.map((f) => f.licenceId);
    const root = files[0]!.batch!.root;
    const indexes = await batchIndexes(files);
    await revokeLicence(housing.client, { file: files[0]!, reason: 1 });
    assert.deepEqual(await statusesNow(indexes), [Suspended, Suspended, Suspended]);
    assert.equal((await text(`/status-lists/${departmentId}`)).headers.get("x-onewindow-unplaced-batches"), "1");

    // Bad input: ids that are not the batch, a root that is no batch, another department's officer.
    const officerToken = await signIn(app, housing.key);
    const put = (token: string | undefined, batchRoot: string, json: unknown) =>
      call(app, "PUT", `/batches/${batchRoot}/members`, { token, json });
    const missing = await put(officerToken, root, { licenceIds: ids.slice(1) });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, "BATCH_MEMBERS_MISMATCH");
    assert.match(missing.body.error.message.zh, /默克尔根/);
    for (const json of [
      { licenceIds: "x" },
      { licenceIds: [] },
      { licenceIds: [...ids.slice(1), "0x1234"] },
      { licenceIds: ids, extra: true },
      "not an object",
    ]) {
      const refused = await put(officerToken, root, json);
      assert.equal(refused.status, 400, JSON.stringify(json));
      assert.equal(refused.body.error.code, "BATCH_MEMBERS_MISMATCH");
    }
    assert.equal((await put(officerToken, "0x1234", { licenceIds: ids })).body.error.code, "BATCH_NOT_ON_CHAIN");
    const noBatch = await put(officerToken, files[0]!.licenceId, { licenceIds: ids });
    assert.equal(noBatch.status, 404);
    assert.equal(noBatch.body.error.code, "BATCH_NOT_ON_CHAIN");
    const samr = await signIn(app, district.officer("HD-SAMR").key);
    assert.equal((await put(samr, root, { licenceIds: ids })).status, 403);
    assert.equal((await put(undefined, root, { licenceIds: ids })).status, 401);
    assert.deepEqual(await statusesNow(indexes), [Suspended, Suspended, Suspended], "nothing changed");

    const posted = await put(officerToken, root, { licenceIds: ids });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    assert.deepEqual(await statusesNow(indexes), [Revoked, Valid, Valid]);
    assert.equal((await text(`/status-lists/${departmentId}`)).headers.get("x-onewindow-unplaced-batches"), "0");
  });

  it("the holder's export of a member of a batch whose ids this node does not know: 409 saying what to do", async () => {
    const [holder] = await newAccounts(1);
    const { files } = await issueLicences(housing.client, { files: [build(holder!.address), build()] });
    const deposited = await call(app, "POST", "/licences/deposit", {
      token: await signIn(app, housing.key),
      json: { file: JSON.parse(serializeLicenceFile(files[0]!)) },
    });
    assert.equal(deposited.status, 201);
    const answer = await call(app, "GET", `/credentials/${files[0]!.licenceId}?format=vc`, {
      token: await signIn(app, holder!.key),
    });
    assert.equal(answer.status, 409);
    assert.equal(answer.body.error.code, "BATCH_MEMBERS_UNKNOWN");
    assert.match(answer.body.error.message.en, /deposits every licence of the batch/);
  });
});

describe("the exchange's public URL", () => {
  it("EXCHANGE_PUBLIC_URL, not the request's origin, is the base of the issuer, context and status-list URLs", async () => {
    assert.equal(
      configFromEnv({ EXCHANGE_PUBLIC_URL: "https://gov.example/onewindow/" }).config.publicUrl,
      "https://gov.example/onewindow/",
    );
    const behind = await testExchange(
      db,
      { [departmentId]: housing.client },
      { publicUrl: "https://gov.example/onewindow/" },
    );
    const base = "https://gov.example/onewindow";
    const meta = await call(behind, "GET", `/.well-known/jwt-vc-issuer/issuers/${departmentId}`);
    assert.equal(meta.body.issuer, `${base}/issuers/${departmentId}`);

    const [holder] = await newAccounts(1);
    const fields = Object.fromEntries(
      district.realEstateFields.filter((n) => n !== "holder").map((n) => [n, `${n} 值`]),
    );
    const issued = await call(behind, "POST", "/licences", {
      token: await signIn(behind, housing.key),
      json: { typeCode: district.realEstateCode, holder: holder!.address, fields },
    });
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    const response = await behind.request(`/credentials/${issued.body.licenceId as string}?format=vc`, {
      headers: { authorization: `Bearer ${await signIn(behind, holder!.key)}` },
    });
    const vc = decodeJwt(await response.text()) as {
      "@context": string[];
      issuer: string | { id: string };
      credentialStatus: { statusListCredential: string }[];
    };
    assert.equal(typeof vc.issuer === "string" ? vc.issuer : vc.issuer.id, `${base}/issuers/${departmentId}`);
    assert.ok(vc["@context"].includes(`${base}/contexts/onewindow/credentials/v1`), JSON.stringify(vc["@context"]));
    assert.deepEqual(
      vc.credentialStatus.map((s) => s.statusListCredential),
      [`${base}/status-lists/${departmentId}/revocation`, `${base}/status-lists/${departmentId}/suspension`],
    );
    const list = decodeJwt(await (await behind.request(`/status-lists/${departmentId}`)).text());
    assert.equal(list.sub, `${base}/status-lists/${departmentId}`);
  });

  it("bad input: a public URL that is not an http(s) URL stops the exchange from starting, saying so", async () => {
    for (const publicUrl of ["exchange.haidian.gov.cn", "ftp://gov.example/", "https://gov.example/?a=1"]) {
      await assert.rejects(testExchange(db, {}, { publicUrl }), /config\.publicUrl/);
    }
  });
});
