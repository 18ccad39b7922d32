/**
 * What verifiers of exported credentials fetch from the exchange: the JSON-LD context, issuer
 * metadata and the status lists, read from the chain at the latest block. A licence revoked on
 * chain is revoked in the lists served from the next block on.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { buildLicence, issueLicence, revokeLicence, suspendLicence, type LicenceFile } from "@onewindow/sdk";
import {
  addressOfJwk,
  CredentialStatus,
  exportLicenceCredential,
  ONEWINDOW_CONTEXT,
  verifyExportedCredential,
} from "@onewindow/sdk/vc";
import { getListFromStatusListJWT } from "@sd-jwt/jwt-status-list";
import { EmbeddedJWK, jwtVerify } from "jose";

import type { ExchangeApp } from "../src/app.ts";
import { newAccounts, testChain, testDistrict, type Officer, type TestDistrict } from "./helpers/chain.ts";
import { backends, call, signIn, testExchange } from "./helpers/exchange.ts";

after(async () => (await testChain()).stop());

const BASE = "http://localhost";
let district: TestDistrict;
let housing: Officer;
let departmentId: number;
let app: ExchangeApp;
let cleanup: () => Promise<void>;

function build(): LicenceFile {
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
    holder: housing.address,
    issuerDepartment: departmentId,
  }).file;
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
