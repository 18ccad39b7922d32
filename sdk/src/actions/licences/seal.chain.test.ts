import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, type Hex } from "viem";

import { admin, newAccounts, uniqueCode } from "@onewindow/testkit/test-chain";

import type { OneWindowClient } from "../../chain/client.ts";
import { Level } from "../../chain/enums.ts";
import { newSm2PrivateKey, sm2PublicKeyOf } from "../../crypto/sm2.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { SealError } from "../../errors/seal.ts";
import { buildLicence } from "../../licence/build.ts";
import { serializeLicenceFile, type LicenceFile } from "../../licence/format.ts";
import { discloseFields } from "../../licence/disclose.ts";
import { serializeDisclosure } from "../../licence/disclosure-format.ts";
import { sealLicenceFile } from "../../licence/seal.ts";
import { getSealKeys } from "../departments/getSealKeys.ts";
import { registerDepartment } from "../departments/registerDepartment.ts";
import { setSealKey } from "../departments/setSealKey.ts";
import { registerLicenceType } from "../licence-types/registerLicenceType.ts";
import { getIssuedLicenceFile } from "./getIssuedLicenceFile.ts";
import { issueLicence } from "./issueLicence.ts";
import { issueLicences } from "./issueLicences.ts";
import { sealLicence } from "./sealLicence.ts";
import { verifyLicence } from "./verifyLicence.ts";

const FIELD_NAMES = ["holder", "name", "creditCode"];
const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));
const KEY_A = newSm2PrivateKey();
const KEY_B = newSm2PrivateKey();

let officer: OneWindowClient;
let stranger: OneWindowClient;
let departmentId: number;
let typeId: number;
let holder: Hex;

function build(): LicenceFile {
  return buildLicence({
    typeId,
    typeVersion: 1,
    fieldNames: FIELD_NAMES,
    fields: { name: "北京示例科技有限公司", creditCode: `91110108${Math.random().toString(36).slice(2, 12)}` },
    holder,
    issuerDepartment: departmentId,
  }).file;
}

before(async () => {
  const [a, c, h] = await newAccounts(3);
  officer = a!.client;
  stranger = c!.client;
  holder = h!.address;
  ({ departmentId } = await registerDepartment(admin, {
    code: uniqueCode("SEAL"),
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

describe("the national seal on chain and in the verdict", () => {
  let beforeRotation: LicenceFile;

  it("without a registered key: an unsealed licence verifies with the seal part 'absent'; a sealed issue is refused before sending", async () => {
    const file = build();
    await issueLicence(officer, { file });
    const verdict = await verifyLicence(stranger, { file });
    assert.equal(verdict.valid, true);
    assert.deepEqual([verdict.seal.state, verdict.seal.ok], ["absent", false]);
    await assert.rejects(
      sealLicence(officer, { file, privateKey: KEY_A }),
      (e: unknown) => e instanceof SealError && /had no seal key registered/.test(e.reason),
    );
    const next = build();
    await assert.rejects(
      issueLicence(officer, { file: next, sealKey: KEY_A }),
      (e: unknown) => e instanceof SealError && /has no seal key registered/.test(e.reason),
    );
    assert.equal((await verifyLicence(stranger, { file: next })).record, undefined);
  });

  it("only a registrar sets a key (not the department's officer); a bad key is named before sending", async () => {
    for (const caller of [officer, stranger]) {
      await assert.rejects(
        setSealKey(caller, { departmentId, publicKey: sm2PublicKeyOf(KEY_A) }),
        (e: unknown) => e instanceof ContractRevertError && e.errorName === "AccessManagedUnauthorized",
      );
    }
    await assert.rejects(
      setSealKey(admin, { departmentId, publicKey: encryptionKey }),
      (e: unknown) => e instanceof SealError && /has 33 bytes/.test(e.reason),
    );
    assert.deepEqual(await getSealKeys(stranger, { departmentId }), []);
  });

  it("issues and seals with key A: the seal is valid, made with the key in force", async () => {
    await setSealKey(admin, { departmentId, publicKey: sm2PublicKeyOf(KEY_A) });
    const { file } = await issueLicence(officer, { file: build(), sealKey: KEY_A });
    assert.ok(file?.seal);
    assert.equal(file.seal.keyIndex, 0);
    const verdict = await verifyLicence(stranger, { file: JSON.parse(serializeLicenceFile(file)) as LicenceFile });
    assert.equal(verdict.valid, true, JSON.stringify(verdict.seal));
    assert.deepEqual([verdict.seal.state, verdict.seal.signatureValid, verdict.seal.keyInForce], ["valid", true, true]);
    beforeRotation = file;
    await assert.rejects(
      sealLicence(officer, { file, privateKey: KEY_B }),
      (e: unknown) => e instanceof SealError && /is not seal key #0/.test(e.reason),
    );
  });

  it("after rotating to key B, what A sealed before still verifies; A's seal on a later licence does not", async () => {
    await setSealKey(admin, { departmentId, publicKey: sm2PublicKeyOf(KEY_B) });
    const keys = await getSealKeys(stranger, { departmentId });
    assert.deepEqual(
      keys.map((k) => k.publicKey),
      [sm2PublicKeyOf(KEY_A), sm2PublicKeyOf(KEY_B)],
    );
    assert.equal((await verifyLicence(stranger, { file: beforeRotation })).seal.state, "valid");

    const later = build();
    await assert.rejects(
      issueLicence(officer, { file: later, sealKey: KEY_A }),
      (e: unknown) => e instanceof SealError && /not department .* registered seal key #1/.test(e.reason),
    );
    await issueLicence(officer, { file: later });
    const forged = sealLicenceFile(await getIssuedLicenceFile(stranger, { file: later }), {
      privateKey: KEY_A,
      keyIndex: 0,
    });
    const verdict = await verifyLicence(stranger, { file: forged });
    assert.equal(verdict.valid, false);
    assert.deepEqual([verdict.integrity.ok, verdict.status.ok, verdict.issuer.ok], [true, true, true]);
    assert.deepEqual(
      [verdict.seal.state, verdict.seal.signatureValid, verdict.seal.keyInForce],
      ["invalid", true, false],
    );
    assert.match(
      verdict.seal.problems[0]!,
      /made with key #0 .* not with key #1 .* that 海淀区市场监督管理局 had registered/,
    );
  });

  it("a key rotated in after issue does not seal what was issued before it", async () => {
    const backdated = sealLicenceFile(beforeRotation, { privateKey: KEY_B, keyIndex: 1 });
    const verdict = await verifyLicence(stranger, { file: backdated });
    assert.deepEqual(
      [verdict.seal.state, verdict.seal.signatureValid, verdict.seal.keyInForce],
      ["invalid", true, false],
    );
    assert.match(verdict.seal.reasons[0]!.zh, /不是海淀区市场监督管理局签发时登记的公钥/);
  });

  it("one bit changed in a sealed file breaks the seal (and integrity names the field)", async () => {
    const changed = { ...beforeRotation, typeVersion: beforeRotation.typeVersion ^ 2 };
    const verdict = await verifyLicence(stranger, { file: changed });
    assert.equal(verdict.seal.state, "invalid");
    assert.equal(verdict.seal.signatureValid, false);
    assert.match(verdict.integrity.problems.join("\n"), /type version in the file \(3\)/);
    const fields = beforeRotation.fields.map((f) => (f.name === "name" ? { ...f, value: "北京示例科技有限公叶" } : f));
    const edited = await verifyLicence(stranger, { file: { ...beforeRotation, fields } });
    assert.equal(edited.seal.state, "invalid");
    assert.match(edited.seal.problems.join("\n"), /a field was changed after sealing/);
    assert.match(edited.integrity.problems.join("\n"), /field "name"/);
  });

  it("a malformed seal is named in the seal part; integrity, status and issuer are still given", async () => {
    const raw = JSON.parse(serializeLicenceFile(beforeRotation)) as Record<string, Record<string, unknown>>;
    raw.seal!.signature = "0xnothex";
    const verdict = await verifyLicence(stranger, { file: raw as unknown as LicenceFile });
    assert.equal(verdict.valid, false);
    assert.deepEqual([verdict.integrity.ok, verdict.status.ok, verdict.issuer.ok], [true, true, true]);
    assert.equal(verdict.seal.state, "malformed");
    assert.match(verdict.seal.problems[0]!, /\$\.seal\.signature: expected 64 bytes of hex/);
  });

  it("a disclosure carries its licence's seal: the verdict's seal part is valid, and invalid for another licence's seal", async () => {
    const disclosure = discloseFields(beforeRotation, ["name"]);
    assert.deepEqual(disclosure.seal, beforeRotation.seal);
    const verdict = await verifyLicence(stranger, { disclosure: JSON.parse(serializeDisclosure(disclosure)) });
    assert.equal(verdict.valid, true, JSON.stringify(verdict.seal));
    assert.deepEqual(
      [verdict.seal.state, verdict.seal.signatureValid, verdict.seal.keyInForce, verdict.seal.keyIndex],
      ["valid", true, true, 0],
    );
    // Another licence's seal on this disclosure: the signature does not hold.
    const { file: other } = await issueLicence(officer, { file: build(), sealKey: KEY_B });
    const swapped = await verifyLicence(stranger, { disclosure: { ...disclosure, seal: other!.seal! } });
    assert.deepEqual([swapped.seal.state, swapped.seal.signatureValid], ["invalid", false]);
    assert.equal(swapped.valid, false);
    // A disclosure of an unsealed licence: "absent", still valid.
    const plain = build();
    await issueLicence(officer, { file: plain });
    const unsealed = await verifyLicence(stranger, { disclosure: discloseFields(plain, ["name"]) });
    assert.deepEqual([unsealed.valid, unsealed.seal.state], [true, "absent"]);
  });

  it("a batch issue seals every file", async () => {
    const { files } = await issueLicences(officer, { files: [build(), build(), build()], sealKey: KEY_B });
    for (const file of files) {
      assert.equal(file.seal?.keyIndex, 1);
      const verdict = await verifyLicence(stranger, { file });
      assert.equal(verdict.valid, true);
      assert.equal(verdict.seal.state, "valid");
    }
  });
});
