/**
 * Exported credentials checked by independent, maintained verifier libraries on a real chain:
 * jose (vc+jwt), @sd-jwt/sd-jwt-vc with a secp256k1 verifier from @noble/curves (SD-JWT VC and
 * its IETF status list), @sd-jwt/jwt-status-list and @digitalbazaar/bitstring (the lists). The
 * status lists are the ones the exchange serves (same SDK functions), rebuilt at each block.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { Bitstring } from "@digitalbazaar/bitstring";
import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha2.js";
import { getListFromStatusListJWT } from "@sd-jwt/jwt-status-list";
import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from "jose";
import { bytesToHex, type Hex, type LocalAccount } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { Level } from "../chain/enums.ts";
import { readContract } from "../chain/read.ts";
import { registerDepartment } from "../actions/departments/registerDepartment.ts";
import { registerLicenceType } from "../actions/licence-types/registerLicenceType.ts";
import { issueLicence } from "../actions/licences/issueLicence.ts";
import { issueLicences } from "../actions/licences/issueLicences.ts";
import { resumeLicence } from "../actions/licences/resumeLicence.ts";
import { revokeLicence } from "../actions/licences/revokeLicence.ts";
import { suspendLicence } from "../actions/licences/suspendLicence.ts";
import { CredentialExportError } from "../errors/credential.ts";
import { buildLicence } from "../licence/build.ts";
import type { LicenceFile } from "../licence/format.ts";
import { signBitstringStatusList, signStatusListToken } from "./credential.ts";
import { exportLicenceCredential } from "./export.ts";
import { signerOfAccount, type CredentialSigner } from "./jws.ts";
import { batchRankOf, CredentialStatusIndex } from "./status-index.ts";
import { CredentialStatus, encodeBitstringStatusList, encodeTokenStatusList } from "./status-list.ts";
import { presentSdJwt, verifyExportedCredential } from "./verify.ts";
import { admin, newAccounts, readOnlyClient, uniqueCode } from "@onewindow/testkit/test-chain";

const BASE_URL = "https://exchange.haidian.test";
const FIELD_NAMES = [
  "holder",
  "name",
  "creditCode",
  "registeredAddress",
  "legalRepresentative",
  "registeredCapital",
  "businessScope",
];
const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));

let officer: OneWindowClient;
let signer: CredentialSigner;
let departmentId: number;
let typeId: number;
let holder: Hex;
const reader = readOnlyClient();

function build(expiresAt: number): LicenceFile {
  return buildLicence({
    typeId,
    typeVersion: 1,
    fieldNames: FIELD_NAMES,
    fields: {
      name: "北京示例科技有限公司",
      creditCode: `91110108MA${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      registeredAddress: "北京市海淀区中关村大街1号",
      legalRepresentative: "张三",
      registeredCapital: "1000万元",
      businessScope: "技术开发、技术咨询",
    },
    holder,
    issuerDepartment: departmentId,
    expiresAt,
  }).file;
}

async function chainTime(): Promise<number> {
  return Number((await reader.public.getBlock()).timestamp);
}

/** The department's status lists as the exchange serves them at the latest block. */
async function statusLists(batches: { root: Hex; ids: Hex[] }[] = []) {
  const index = new CredentialStatusIndex(reader);
  const block = await reader.public.getBlockNumber({ cacheTime: 0 });
  await index.syncTo(block);
  for (const { root, ids } of batches) assert.ok(index.addBatchMembers(root, ids));
  const { statuses } = index.list(departmentId);
  const common = {
    baseUrl: BASE_URL,
    chainId: reader.chain.id,
    departmentId,
    issuedAt: await chainTime(),
    ttl: 5,
    blockNumber: block,
  };
  return {
    token: await signStatusListToken({ ...common, statusList: encodeTokenStatusList(statuses) }, signer),
    revocation: await signBitstringStatusList(
      { ...common, purpose: "revocation", encodedList: encodeBitstringStatusList(statuses, CredentialStatus.Revoked) },
      signer,
    ),
    suspension: await signBitstringStatusList(
      {
        ...common,
        purpose: "suspension",
        encodedList: encodeBitstringStatusList(statuses, CredentialStatus.Suspended),
      },
      signer,
    ),
  };
}

/** secp256k1 ES256K verification by @noble/curves of a JOSE signature with the header's JWK. */
function nobleVerify(data: string, signature: string, jwt: string): boolean {
  const { jwk } = decodeProtectedHeader(jwt.split("~")[0]!) as { jwk: { x: string; y: string } };
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, "base64url"), Buffer.from(jwk.y, "base64url")]);
  return secp256k1.verify(Buffer.from(signature, "base64url"), sha256(Buffer.from(data)), point, { lowS: false });
}

/** An independent SD-JWT VC verifier: @sd-jwt/sd-jwt-vc, its status list fetched from `lists`. */
function sdJwtVerifier(credential: string, token: () => Promise<string>) {
  return new SDJwtVcInstance({
    hasher: (data: string | ArrayBuffer) => sha256(typeof data === "string" ? Buffer.from(data) : new Uint8Array(data)),
    hashAlg: "sha-256",
    verifier: (data: string, signature: string) => nobleVerify(data, signature, credential),
    statusListFetcher: async (uri: string) => {
      assert.equal(uri, `${BASE_URL}/status-lists/${departmentId}`);
      return token();
    },
    statusVerifier: async (data: string, signature: string) => nobleVerify(data, signature, await token()),
  });
}

/** The W3C status of `index` for `purpose`, decoded by @digitalbazaar/bitstring from the list credential, checked by jose. */
async function w3cStatus(listJwt: string, index: number): Promise<boolean> {
  const { payload } = await jwtVerify(listJwt, EmbeddedJWK, { typ: "vc+jwt" });
  const encoded = (payload.credentialSubject as { encodedList: string }).encodedList;
  assert.equal(encoded[0], "u", "multibase base64url");
  return new Bitstring({ buffer: await Bitstring.decodeBits({ encoded: encoded.slice(1) }) }).get(index);
}

before(async () => {
  const [a, h] = await newAccounts(2);
  officer = a!.client;
  signer = signerOfAccount(officer.wallet!.account as LocalAccount);
  holder = h!.address;
  ({ departmentId } = await registerDepartment(admin, {
    code: uniqueCode("SAMR"),
    name: "海淀区市场监督管理局",
    level: Level.District,
    encryptionKey,
    officers: [a!.address],
    threshold: 1,
  }));
  ({ typeId } = await registerLicenceType(admin, {
    code: uniqueCode("BL"),
    name: "营业执照 Business licence",
    level: Level.District,
    defaultValidity: 0,
    fieldNames: FIELD_NAMES,
    issuers: [departmentId],
  }));
});

describe("licences exported as W3C VC and SD-JWT VC, checked by independent libraries", () => {
  let file: LicenceFile;
  let vc: string;
  let sdJwt: string;
  let expiresAt: number;

  before(async () => {
    expiresAt = (await chainTime()) + 86_400;
    file = build(expiresAt);
    await issueLicence(officer, { file });
    vc = (await exportLicenceCredential(officer, { file, format: "vc", baseUrl: BASE_URL })).credential;
    sdJwt = (await exportLicenceCredential(officer, { file, format: "sd-jwt", baseUrl: BASE_URL })).credential;
  });

  it("valid: jose verifies the vc+jwt; @sd-jwt/sd-jwt-vc verifies the SD-JWT VC with its status list; the key is an officer's on chain", async () => {
    const now = new Date(((await chainTime()) + 1) * 1000);
    const { payload, protectedHeader } = await jwtVerify(vc, EmbeddedJWK, {
      typ: "vc+jwt",
      algorithms: ["ES256K"],
      currentDate: now,
    });
    assert.equal(payload.iss, `${BASE_URL}/issuers/${departmentId}`);
    const subject = payload.credentialSubject as {
      id: string;
      fields: Record<string, string>;
      licence: { licenceId: string };
    };
    assert.equal(subject.fields.registeredAddress, "北京市海淀区中关村大街1号");
    assert.equal(subject.licence.licenceId, file.licenceId);
    assert.equal(subject.id, `did:pkh:eip155:${reader.chain.id}:${holder}`);
    // Discoverable from the chain: the kid's account is an officer of the department, which may issue the type.
    const account = (protectedHeader.kid as string).split(":")[4]!.split("#")[0] as Hex;
    assert.equal(account, signer.address);
    assert.equal(
      await readContract(reader, {
        contract: "DepartmentRegistry",
        functionName: "isOfficer",
        args: [departmentId, account],
      }),
      true,
    );
    assert.equal(
      await readContract(reader, {
        contract: "LicenceTypeRegistry",
        functionName: "isIssuer",
        args: [typeId, 1, departmentId],
      }),
      true,
    );

    const lists = await statusLists();
    const result = await sdJwtVerifier(sdJwt, async () => lists.token).verify(sdJwt, {
      currentDate: now.getTime() / 1000,
    });
    const fields = result.payload.fields as Record<string, string>;
    assert.equal(Object.keys(fields).length, FIELD_NAMES.length - 1);
    assert.equal(fields.legalRepresentative, "张三");
    assert.equal(result.payload.vct, `urn:onewindow:licence-type:${reader.chain.id}:${typeId}:1`);

    const ours = await verifyExportedCredential(reader, sdJwt);
    assert.equal(
      ours.valid,
      true,
      [...ours.issuer.problems, ...ours.status.problems, ...ours.expiry.problems].join("; "),
    );
  });

  it("one disclosed field out of many: the holder presents only the name", async () => {
    const presentation = await presentSdJwt(sdJwt, ["name"]);
    const lists = await statusLists();
    const result = await sdJwtVerifier(presentation, async () => lists.token).verify(presentation, {
      currentDate: (await chainTime()) + 1,
    });
    assert.deepEqual(result.payload.fields, { name: "北京示例科技有限公司" });
    assert.equal(result.payload.sub, undefined);
    assert.equal((result.payload.onewindow as Record<string, unknown>).licence_id, undefined);
    assert.equal((result.payload.onewindow as Record<string, unknown>).issuer_department, departmentId);
  });

  it("tampered: a changed field fails jose; a changed disclosure or payload fails @sd-jwt/sd-jwt-vc", async () => {
    const [h, p, s] = vc.split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    payload.credentialSubject.fields.name = "另一家公司";
    await assert.rejects(
      jwtVerify(`${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`, EmbeddedJWK),
      /signature verification failed/,
    );
    const lists = await statusLists();
    const [jwt, ...disclosures] = sdJwt.split("~");
    const [jh, jp, js] = jwt!.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(jp, "base64url").toString());
    claims.onewindow.type_id += 1;
    const forged = [`${jh}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${js}`, ...disclosures].join(
      "~",
    );
    await assert.rejects(
      sdJwtVerifier(forged, async () => lists.token).verify(forged, { currentDate: (await chainTime()) + 1 }),
      /[Ss]ignature/,
    );
    // A disclosure whose value was changed is no longer among the signed digests: the lib drops it, ours refuses it.
    const changed = disclosures.map((d, i) => {
      if (i !== 0) return d;
      const decoded = JSON.parse(Buffer.from(d, "base64url").toString());
      decoded[2] = "篡改";
      return Buffer.from(JSON.stringify(decoded)).toString("base64url");
    });
    const altered = [jwt, ...changed].join("~");
    const result = await sdJwtVerifier(altered, async () => lists.token).verify(altered, {
      currentDate: (await chainTime()) + 1,
    });
    assert.ok(!Object.values((result.payload.fields ?? {}) as Record<string, string>).includes("篡改"));
    await assert.rejects(verifyExportedCredential(reader, altered), /not among the issuer-signed digests/);
  });

  it("expired: both libraries refuse the credentials after their expiry", async () => {
    const later = expiresAt + 60;
    await assert.rejects(
      jwtVerify(vc, EmbeddedJWK, { currentDate: new Date(later * 1000) }),
      /"exp" claim timestamp check failed/,
    );
    const lists = await statusLists();
    await assert.rejects(
      sdJwtVerifier(sdJwt, async () => lists.token).verify(sdJwt, { currentDate: later }),
      /expired/i,
    );
    const ours = await verifyExportedCredential(reader, vc, { now: later });
    assert.deepEqual([ours.valid, ours.expiry.ok], [false, false]);
  });

  it("revoked on chain: from the next block the status lists say revoked, and the libraries refuse", async () => {
    const { statusIndex } = await exportLicenceCredential(officer, { file, format: "vc", baseUrl: BASE_URL });
    const before = await statusLists();
    assert.equal(getListFromStatusListJWT(before.token).getStatus(statusIndex), CredentialStatus.Valid);
    assert.equal(await w3cStatus(before.revocation, statusIndex), false);

    await revokeLicence(officer, { file, reason: 1 });
    const after = await statusLists();
    assert.equal(getListFromStatusListJWT(after.token).getStatus(statusIndex), CredentialStatus.Revoked);
    assert.equal(await w3cStatus(after.revocation, statusIndex), true);
    assert.equal(await w3cStatus(after.suspension, statusIndex), false);
    await assert.rejects(
      sdJwtVerifier(sdJwt, async () => after.token).verify(sdJwt, { currentDate: (await chainTime()) + 1 }),
      /[Ss]tatus/,
    );
    const ours = await verifyExportedCredential(reader, vc);
    assert.equal(ours.status.status, "revoked");
    assert.equal(ours.valid, false);
  });
});

describe("suspension and batch members", () => {
  it("suspended: the lists say suspended, then valid again once resumed", async () => {
    const file = build(0);
    await issueLicence(officer, { file });
    const { credential, statusIndex } = await exportLicenceCredential(officer, {
      file,
      format: "sd-jwt",
      baseUrl: BASE_URL,
    });
    await suspendLicence(officer, { file, reason: 2 });
    const suspended = await statusLists();
    assert.equal(getListFromStatusListJWT(suspended.token).getStatus(statusIndex), CredentialStatus.Suspended);
    assert.equal(await w3cStatus(suspended.suspension, statusIndex), true);
    await assert.rejects(
      sdJwtVerifier(credential, async () => suspended.token).verify(credential, {
        currentDate: (await chainTime()) + 1,
      }),
      /[Ss]tatus/,
    );
    assert.equal((await verifyExportedCredential(reader, credential)).status.status, "suspended");

    await resumeLicence(officer, { file });
    const resumed = await statusLists();
    assert.equal(getListFromStatusListJWT(resumed.token).getStatus(statusIndex), CredentialStatus.Valid);
    await sdJwtVerifier(credential, async () => resumed.token).verify(credential, {
      currentDate: (await chainTime()) + 1,
    });
  });

  it("batch members: one revoked alone and another suspended alone are so in the next block's lists, their siblings valid", async () => {
    const { files } = await issueLicences(officer, { files: [build(0), build(0), build(0), build(0)] });
    const ids = files.map((f) => f.licenceId);
    const root = files[0]!.batch!.root;
    await assert.rejects(
      exportLicenceCredential(officer, { file: files[1]!, format: "vc", baseUrl: BASE_URL }),
      (error: unknown) => error instanceof CredentialExportError && error.reason === "batch-members-needed",
    );
    await assert.rejects(
      exportLicenceCredential(officer, {
        file: files[1]!,
        format: "vc",
        baseUrl: BASE_URL,
        batchMemberIds: ids.slice(1),
      }),
      (error: unknown) => error instanceof CredentialExportError && error.reason === "batch-members-wrong",
    );
    const exported = await Promise.all(
      files.map((file) =>
        exportLicenceCredential(officer, { file, format: "sd-jwt", baseUrl: BASE_URL, batchMemberIds: ids }),
      ),
    );
    const indexes = exported.map((e) => e.statusIndex);
    assert.deepEqual(
      [...indexes].sort((a, b) => a - b),
      [0, 1, 2, 3].map((i) => Math.min(...indexes) + i),
    );
    assert.equal(indexes[1]! - Math.min(...indexes), batchRankOf(ids, ids[1]!));

    await revokeLicence(officer, { file: files[1]!, reason: 1 });
    await suspendLicence(officer, { file: files[2]!, reason: 2 });
    const lists = await statusLists([{ root, ids }]);
    const token = getListFromStatusListJWT(lists.token);
    const expected = [
      CredentialStatus.Valid,
      CredentialStatus.Revoked,
      CredentialStatus.Suspended,
      CredentialStatus.Valid,
    ];
    assert.deepEqual(
      indexes.map((i) => token.getStatus(i)),
      expected,
    );
    for (const [k, i] of indexes.entries()) {
      assert.equal(await w3cStatus(lists.revocation, i), expected[k] === CredentialStatus.Revoked);
      assert.equal(await w3cStatus(lists.suspension, i), expected[k] === CredentialStatus.Suspended);
    }
    const now = (await chainTime()) + 1;
    await sdJwtVerifier(exported[0]!.credential, async () => lists.token).verify(exported[0]!.credential, {
      currentDate: now,
    });
    await assert.rejects(
      sdJwtVerifier(exported[1]!.credential, async () => lists.token).verify(exported[1]!.credential, {
        currentDate: now,
      }),
      /[Ss]tatus/,
    );

    // Our verifier reads a member's own status by the licence id its credential names.
    assert.deepEqual(
      await Promise.all(
        exported.map(async (e) => (await verifyExportedCredential(reader, e.credential)).status.status),
      ),
      ["valid", "revoked", "suspended", "valid"],
    );

    // A list built without the member ids cannot tell the members apart: the whole batch is
    // suspended (none shown valid) and named, until the ids are given.
    const blind = new CredentialStatusIndex(reader);
    await blind.syncTo(await reader.public.getBlockNumber({ cacheTime: 0 }));
    let list = blind.list(departmentId);
    assert.deepEqual(
      indexes.map((i) => list.statuses[i]),
      indexes.map(() => CredentialStatus.Suspended),
    );
    assert.deepEqual(list.unplacedBatches, [root.toLowerCase()]);
    assert.equal(blind.addBatchMembers(root, [...ids.slice(1), ids[1]!]), false, "a repeated id is not the batch");
    assert.equal(blind.addBatchMembers(root, ids), true);
    list = blind.list(departmentId);
    assert.deepEqual(
      indexes.map((i) => list.statuses[i]),
      expected,
    );
    assert.deepEqual(list.unplacedBatches, []);
  });

  it("refuses to export a licence that is not on chain, or with a key that is no officer of its department", async () => {
    const file = build(0);
    await assert.rejects(
      exportLicenceCredential(officer, { file, format: "vc", baseUrl: BASE_URL }),
      (error: unknown) => error instanceof CredentialExportError && error.reason === "not-issued",
    );
    await issueLicence(officer, { file });
    const [stranger] = await newAccounts(1);
    await assert.rejects(
      exportLicenceCredential(stranger!.client, { file, format: "sd-jwt", baseUrl: BASE_URL }),
      (error: unknown) => error instanceof CredentialExportError && error.reason === "signer-not-officer",
    );
  });
});
