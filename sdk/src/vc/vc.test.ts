import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { Bitstring } from "@digitalbazaar/bitstring";
import { contexts as w3cContexts } from "@digitalbazaar/credentials-context";
import { getListFromStatusListJWT } from "@sd-jwt/jwt-status-list";
import { EmbeddedJWK, jwtVerify } from "jose";
import jsonld from "jsonld";

import { CredentialFormatError } from "../errors/credential.ts";
import { buildLicence } from "../licence/build.ts";
import { ONEWINDOW_CONTEXT } from "./context.ts";
import { licenceVc, signLicenceSdJwt, signLicenceVc, signStatusListToken, type CredentialInput } from "./credential.ts";
import { signerOfPrivateKey } from "./jws.ts";
import { CredentialStatus, encodeBitstringStatusList, encodeTokenStatusList } from "./status-list.ts";
import { batchRankOf } from "./status-index.ts";
import { parseExportedCredential, presentSdJwt } from "./verify.ts";

const signer = signerOfPrivateKey(`0x${"42".repeat(32)}`);
const holder = "0x1111111111111111111111111111111111111111";
const { file } = buildLicence({
  typeId: 3,
  typeVersion: 1,
  fieldNames: ["holder", "name", "creditCode", "registeredAddress"],
  fields: {
    name: "北京示例科技有限公司",
    creditCode: "91110108MA01ABCDEF",
    registeredAddress: "北京市海淀区中关村大街1号",
  },
  holder,
  issuerDepartment: 7,
});
const input: CredentialInput = {
  baseUrl: "https://exchange.example.test/",
  chainId: 31337,
  registry: "0x2222222222222222222222222222222222222222",
  file,
  issuedAt: 1_700_000_000,
  expiresAt: 1_900_000_000,
  statusIndex: 5,
  departmentName: "海淀区市场监督管理局",
  typeName: "营业执照 Business licence",
};

/** Asserts that `promise` rejects with a CredentialFormatError at `path`. */
async function rejectsAt(promise: Promise<unknown>, path: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CredentialFormatError, String(error));
    assert.equal(error.path, path, error.message);
    assert.match(error.messages.zh, /凭证/);
    return true;
  });
}

describe("JSON-LD context", () => {
  it("the committed file is the context the SDK and the exchange serve", () => {
    const committed = JSON.parse(
      readFileSync(new URL("./contexts/onewindow-credentials-v1.jsonld", import.meta.url), "utf8"),
    );
    assert.deepEqual(committed, ONEWINDOW_CONTEXT);
  });
});

describe("JSON-LD processing offline, with a document loader given the files", () => {
  it("jsonld expands the W3C VC in safe mode: every term defined, fields under the OneWindow vocabulary", async () => {
    const committed = JSON.parse(
      readFileSync(new URL("./contexts/onewindow-credentials-v1.jsonld", import.meta.url), "utf8"),
    );
    const documents = new Map<string, unknown>([
      ["https://www.w3.org/ns/credentials/v2", w3cContexts.get("https://www.w3.org/ns/credentials/v2")],
      ["https://exchange.example.test/contexts/onewindow/credentials/v1", committed],
    ]);
    const documentLoader = async (url: string) => {
      if (!documents.has(url)) throw new Error(`offline: no document for ${url}`);
      return { contextUrl: null, documentUrl: url, document: documents.get(url) };
    };
    const [expanded] = await jsonld.expand(licenceVc(input), { documentLoader, safe: true });
    const subject = (
      expanded!["https://www.w3.org/2018/credentials#credentialSubject"] as Record<string, unknown>[]
    )[0]!;
    const fields = (subject["urn:onewindow:credentials:v1#fields"] as Record<string, unknown>[])[0]!;
    assert.deepEqual(fields["urn:onewindow:credentials:v1:field#creditCode"], [{ "@value": "91110108MA01ABCDEF" }]);
    const licence = (subject["urn:onewindow:credentials:v1#licence"] as Record<string, unknown>[])[0]!;
    assert.ok(licence["urn:onewindow:credentials:v1#typeId"]);
  });
});

describe("status list encodings, read by the standards' libraries", () => {
  const statuses = new Uint8Array(200_000);
  statuses[0] = CredentialStatus.Revoked;
  statuses[9] = CredentialStatus.Suspended;
  statuses[199_999] = CredentialStatus.Revoked;

  it("IETF token status list (2 bits): @sd-jwt/jwt-status-list reads each entry", async () => {
    const jwt = await signStatusListToken(
      {
        baseUrl: input.baseUrl,
        chainId: 31337,
        departmentId: 7,
        statusList: encodeTokenStatusList(statuses),
        issuedAt: 1,
        ttl: 5,
        blockNumber: 9n,
      },
      signer,
    );
    const list = getListFromStatusListJWT(jwt);
    assert.equal(list.getStatus(0), 1);
    assert.equal(list.getStatus(1), 0);
    assert.equal(list.getStatus(9), 2);
    assert.equal(list.getStatus(199_999), 1);
  });

  it("W3C bitstring (1 bit per purpose, at least 131,072 entries): @digitalbazaar/bitstring reads each bit", async () => {
    const revoked = await Bitstring.decodeBits({
      encoded: encodeBitstringStatusList(statuses, CredentialStatus.Revoked).slice(1),
    });
    const suspended = await Bitstring.decodeBits({
      encoded: encodeBitstringStatusList(statuses, CredentialStatus.Suspended).slice(1),
    });
    const r = new Bitstring({ buffer: revoked });
    const s = new Bitstring({ buffer: suspended });
    assert.deepEqual([r.get(0), r.get(9), r.get(199_999), r.get(1)], [true, false, true, false]);
    assert.deepEqual([s.get(0), s.get(9), s.get(1)], [false, true, false]);
    const small = await Bitstring.decodeBits({
      encoded: encodeBitstringStatusList(new Uint8Array(3), CredentialStatus.Revoked).slice(1),
    });
    assert.equal(small.length * 8, 131_072);
  });

  it("a batch member's rank is its place among the batch's ids sorted as numbers", () => {
    const ids = [`0x${"b".repeat(64)}`, `0x${"0".repeat(63)}1`, `0x${"a".repeat(64)}`] as const;
    assert.equal(batchRankOf(ids, ids[0]), 2);
    assert.equal(batchRankOf(ids, ids[1]), 0);
    assert.equal(batchRankOf(ids, `0x${"c".repeat(64)}`), undefined);
  });
});

describe("parseExportedCredential", () => {
  it("reads both formats, and jose verifies the vc+jwt", async () => {
    const vc = await signLicenceVc(input, signer);
    const { payload, protectedHeader } = await jwtVerify(vc, EmbeddedJWK, {
      typ: "vc+jwt",
      currentDate: new Date(1_800_000_000_000),
    });
    assert.equal(protectedHeader.alg, "ES256K");
    assert.deepEqual(payload["@context"], [
      "https://www.w3.org/ns/credentials/v2",
      "https://exchange.example.test/contexts/onewindow/credentials/v1",
    ]);
    const parsed = await parseExportedCredential(vc);
    assert.equal(parsed.signer, signer.address);
    assert.equal(parsed.fields.name, "北京示例科技有限公司");
    assert.equal(parsed.statusIndex, 5);
    assert.equal(parsed.issuerDepartment, 7);

    const sdJwt = await signLicenceSdJwt(input, signer);
    const shown = await parseExportedCredential(await presentSdJwt(sdJwt, ["creditCode"]));
    assert.deepEqual(shown.fields, { creditCode: "91110108MA01ABCDEF" });
    assert.equal(shown.holder, undefined);
    assert.equal(shown.licenceId, undefined);
  });

  it("names what is wrong in a malformed credential, and never crashes", async () => {
    const vc = await signLicenceVc(input, signer);
    const [h, p, s] = vc.split(".") as [string, string, string];
    await rejectsAt(parseExportedCredential(""), "$");
    await rejectsAt(parseExportedCredential(42), "$");
    await rejectsAt(parseExportedCredential("not a credential"), "$");
    await rejectsAt(parseExportedCredential("a.b"), "$");
    await rejectsAt(parseExportedCredential(`!!.${p}.${s}`), "header");
    await rejectsAt(parseExportedCredential(`${h}.${Buffer.from("[1]").toString("base64url")}.${s}`), "payload");
    await rejectsAt(parseExportedCredential(`${h}.${p}.`), "signature");
    const other = (header: object) => `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${p}.${s}`;
    const header = JSON.parse(Buffer.from(h, "base64url").toString());
    await rejectsAt(parseExportedCredential(other({ ...header, alg: "none" })), "header.alg");
    await rejectsAt(parseExportedCredential(other({ ...header, typ: "JWT" })), "header.typ");
    await rejectsAt(
      parseExportedCredential(other({ ...header, jwk: { kty: "EC", crv: "P-256", x: "", y: "" } })),
      "header.jwk",
    );
    // One field altered after signing.
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    payload.credentialSubject.fields.name = "另一家公司";
    await rejectsAt(
      parseExportedCredential(`${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`),
      "signature",
    );

    const sdJwt = await signLicenceSdJwt(input, signer);
    const [jwt, first, ...rest] = sdJwt.split("~");
    const disclosure = JSON.parse(Buffer.from(first!, "base64url").toString());
    disclosure[2] = "altered";
    const altered = [jwt, Buffer.from(JSON.stringify(disclosure)).toString("base64url"), ...rest].join("~");
    await rejectsAt(parseExportedCredential(altered), "disclosures[0]");
    await rejectsAt(parseExportedCredential(`${jwt}~%%%~`), "disclosures[0]");
    await rejectsAt(presentSdJwt("x~y~", ["name"]), "$");
  });
});
