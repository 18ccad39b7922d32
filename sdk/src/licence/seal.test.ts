import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { bytesToHex, type Hex } from "viem";

import { newSm2PrivateKey, sm2PublicKeyOf } from "../crypto/sm2.ts";
import { LicenceFormatError } from "../errors/licence.ts";
import { SealError } from "../errors/seal.ts";
import { businessLicence, jsonCopy } from "../test/fixtures.ts";
import { attachBatch, buildBatch } from "./batch.ts";
import { buildLicence } from "./build.ts";
import { parseLicenceFile, parseLicenceFileAndSeal, serializeLicenceFile, type LicenceFile } from "./format.ts";
import { checkLicenceSeal, SEAL_DOMAIN, sealLicenceFile, sealPayload } from "./seal.ts";

const SEAL_KEY = "0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8" as Hex;
const ISSUED_AT = 1_767_225_600; // 2026-01-01T00:00:00Z

/** A built licence as issued (with its issue time), deep-copied. */
function issuedFile(): LicenceFile {
  return jsonCopy({ ...buildLicence(businessLicence()).file, issuedAt: ISSUED_AT });
}

/** The file sealed with SEAL_KEY as key #0. */
function sealedFile(): LicenceFile {
  return jsonCopy(sealLicenceFile(issuedFile(), { privateKey: SEAL_KEY, keyIndex: 0 }));
}

const inForce = { index: 0, publicKey: sm2PublicKeyOf(SEAL_KEY) };

describe("sealPayload", () => {
  it("is the canonical 137-byte packed encoding of what the file commits to", () => {
    const file = issuedFile();
    const payload = sealPayload(file);
    assert.equal(payload.length, 137);
    const hex = bytesToHex(payload);
    assert.equal(hex.slice(0, 2 + 50), bytesToHex(new TextEncoder().encode(SEAL_DOMAIN)));
    // licenceId at byte 53, batch root zero at 85, the dates at the end.
    assert.equal(`0x${hex.slice(2 + 106, 2 + 170)}`, file.licenceId);
    assert.equal(hex.slice(2 + 170, 2 + 234), "0".repeat(64));
    assert.equal(BigInt(`0x${hex.slice(-20, -10)}`), BigInt(ISSUED_AT));
    assert.equal(BigInt(`0x${hex.slice(-10)}`), BigInt(file.expiresAt));
    // The same file gives the same bytes; a seal on it does not change them.
    const sealed = sealLicenceFile(file, { privateKey: SEAL_KEY, keyIndex: 0 });
    assert.deepEqual(sealPayload(sealed), payload);
    assert.deepEqual(sealPayload(parseLicenceFile(serializeLicenceFile(sealed))), payload);
  });

  it("refuses a file without its issue time (seal as issued)", () => {
    const { issuedAt: _none, ...unissued } = issuedFile();
    assert.throws(
      () => sealLicenceFile(unissued, { privateKey: SEAL_KEY, keyIndex: 0 }),
      (error: unknown) =>
        error instanceof SealError && /no issuedAt/.test(error.reason) && /签发时间/.test(error.messages.zh),
    );
  });
});

describe("sealLicenceFile and checkLicenceSeal", () => {
  it("seals, survives serialisation, and checks valid with the key in force", () => {
    const sealed = parseLicenceFile(serializeLicenceFile(sealedFile()));
    assert.equal(sealed.seal?.algorithm, "SM2-SM3");
    assert.equal(sealed.seal?.publicKey, inForce.publicKey);
    const part = checkLicenceSeal(sealed, { keyInForce: inForce });
    assert.deepEqual(
      {
        ok: part.ok,
        state: part.state,
        signatureValid: part.signatureValid,
        keyInForce: part.keyInForce,
        problems: part.problems,
      },
      { ok: true, state: "valid", signatureValid: true, keyInForce: true, problems: [] },
    );
    // Offline: the signature only.
    assert.equal(checkLicenceSeal(sealed).keyInForce, undefined);
    assert.equal(checkLicenceSeal(sealed).ok, true);
  });

  it("seals every member of a batch with the batch root in the payload", () => {
    const files = [0, 1, 2].map(() => buildLicence(businessLicence()).file);
    const batch = buildBatch(files.map((f) => f.licenceId));
    for (const file of files) {
      const member = { ...attachBatch(file, batch.root, batch.proofOf(file.licenceId)), issuedAt: ISSUED_AT };
      const sealed = sealLicenceFile(member, { privateKey: SEAL_KEY, keyIndex: 0 });
      assert.equal(checkLicenceSeal(sealed, { keyInForce: inForce }).state, "valid");
      assert.equal(checkLicenceSeal({ ...sealed, batch: undefined } as LicenceFile).signatureValid, false);
    }
  });

  it("an unsealed file reads as before and its seal part says absent", () => {
    const file = parseLicenceFile(serializeLicenceFile(issuedFile()));
    assert.equal(file.seal, undefined);
    const part = checkLicenceSeal(file, { keyInForce: inForce });
    assert.deepEqual([part.ok, part.state, part.present], [false, "absent", false]);
    assert.deepEqual(part.reasons, [{ en: "the file carries no seal", zh: "该证照文件没有电子印章。" }]);
  });

  const tampered: [string, (file: LicenceFile) => void][] = [
    ["one bit of the licence id", (f) => void (f.licenceId = flipLastBit(f.licenceId))],
    ["the expiry by one second", (f) => void (f.expiresAt += 1)],
    ["the issue time by one second", (f) => void (f.issuedAt! += 1)],
    ["the type version", (f) => void (f.typeVersion += 1)],
    ["the issuing department", (f) => void (f.issuerDepartment += 1)],
    ["one bit of the signature", (f) => void (f.seal!.signature = flipLastBit(f.seal!.signature))],
  ];
  for (const [what, tamper] of tampered) {
    it(`fails when ${what} changed after sealing, saying so in zh and en`, () => {
      const file = sealedFile();
      tamper(file);
      const part = checkLicenceSeal(file, { keyInForce: inForce });
      assert.equal(part.ok, false);
      assert.equal(part.state, "invalid");
      assert.equal(part.signatureValid, false);
      assert.match(part.problems[0]!, /does not match the file/);
      assert.match(part.reasons[0]!.zh, /签名与文件不符/);
    });
  }

  it("fails when one bit of a field value changed after sealing (the fields no longer lead to the sealed id)", () => {
    const file = sealedFile();
    const value = file.fields[1]!.value;
    file.fields[1]!.value = value.slice(0, -1) + String.fromCharCode(value.charCodeAt(value.length - 1) ^ 1);
    const part = checkLicenceSeal(file, { keyInForce: inForce });
    assert.deepEqual([part.ok, part.state, part.signatureValid], [false, "invalid", true]);
    assert.match(part.problems[0]!, /a field was changed after sealing/);
    assert.match(part.reasons[0]!.zh, /盖章后有字段被改动/);
  });

  it("fails a seal made with another key than the one in force at issue time, naming both", () => {
    const other = newSm2PrivateKey();
    const file = sealLicenceFile(issuedFile(), { privateKey: other, keyIndex: 1 });
    const part = checkLicenceSeal(file, { keyInForce: inForce, departmentName: "海淀区市场监督管理局" });
    assert.equal(part.signatureValid, true);
    assert.equal(part.keyInForce, false);
    assert.equal(part.state, "invalid");
    assert.match(part.problems[0]!, /made with key #1 .* not with key #0 .* 海淀区市场监督管理局 had registered/);
    assert.match(part.reasons[0]!.zh, /不是海淀区市场监督管理局签发时登记的公钥/);
  });

  it("fails a seal when the department had no key at issue time", () => {
    const part = checkLicenceSeal(sealedFile(), { keyInForce: null });
    assert.equal(part.state, "invalid");
    assert.match(part.problems[0]!, /had no seal key registered when it issued/);
  });
});

describe("a malformed seal", () => {
  const cases: [string, (seal: Record<string, unknown>) => unknown, RegExp][] = [
    ["not an object", () => "seal", /^\$\.seal: expected an object/],
    ["a missing signature", ({ signature: _s, ...rest }) => rest, /^\$\.seal\.signature: missing/],
    ["an unknown key", (s) => ({ ...s, extra: 1 }), /^\$\.seal\.extra: unknown key/],
    ["another algorithm", (s) => ({ ...s, algorithm: "ECDSA" }), /^\$\.seal\.algorithm: expected "SM2-SM3"/],
    ["a negative key number", (s) => ({ ...s, keyIndex: -1 }), /^\$\.seal\.keyIndex: expected an integer from 0/],
    ["a short signature", (s) => ({ ...s, signature: "0x1234" }), /^\$\.seal\.signature: expected 64 bytes of hex/],
    [
      "a compressed key",
      (s) => ({ ...s, publicKey: `0x02${"11".repeat(32)}` }),
      /^\$\.seal\.publicKey: the key has 33 bytes/,
    ],
    [
      "a key off the curve",
      (s) => ({ ...s, publicKey: flipLastBit(s.publicKey as Hex) }),
      /^\$\.seal\.publicKey: the key is not a point of the SM2 curve/,
    ],
  ];
  for (const [what, change, reason] of cases) {
    it(`names what is wrong with ${what}, and the rest of the file still reads`, () => {
      const raw = jsonCopy(sealedFile()) as unknown as Record<string, unknown>;
      raw.seal = change(raw.seal as Record<string, unknown>);
      assert.throws(
        () => parseLicenceFile(raw),
        (error: unknown) => error instanceof LicenceFormatError && error.path.startsWith("$.seal"),
      );
      const { file, malformedSeal } = parseLicenceFileAndSeal(JSON.stringify(raw));
      assert.match(malformedSeal!, reason);
      assert.equal(file.seal, undefined);
      const part = checkLicenceSeal(file, { malformed: malformedSeal });
      assert.deepEqual([part.ok, part.state, part.present], [false, "malformed", true]);
      assert.match(part.reasons[0]!.zh, /电子印章格式有误/);
    });
  }

  it("a file that is broken apart from its seal still throws its own format error", () => {
    const raw = jsonCopy(sealedFile()) as unknown as Record<string, unknown>;
    raw.typeId = 0;
    assert.throws(
      () => parseLicenceFileAndSeal(raw),
      (e: unknown) => e instanceof LicenceFormatError && e.path === "$.typeId",
    );
  });
});

describe("docs/seal.md", () => {
  it("its example seal on the licence-format.md example file verifies, over the documented payload", () => {
    const format = readFileSync(new URL("../../../docs/licence-format.md", import.meta.url), "utf8");
    const seal = readFileSync(new URL("../../../docs/seal.md", import.meta.url), "utf8");
    const file = parseLicenceFile([...format.matchAll(/```json\n([\s\S]*?)```/g)][0]![1]);
    const example = JSON.parse([...seal.matchAll(/```json\n([\s\S]*?)```/g)][0]![1]!) as LicenceFile["seal"];
    const payload = seal.match(/```\n(0x[0-9a-f]+)\n```/)![1];
    assert.equal(bytesToHex(sealPayload(file)), payload);
    const sealed = parseLicenceFile({ ...file, seal: example });
    assert.equal(sealed.seal?.publicKey, inForce.publicKey);
    const part = checkLicenceSeal(sealed, { keyInForce: inForce });
    assert.equal(part.state, "valid", part.problems.join("; "));
  });
});

function flipLastBit(hex: Hex): Hex {
  const last = Number.parseInt(hex.slice(-1), 16) ^ 1;
  return `${hex.slice(0, -1)}${last.toString(16)}` as Hex;
}
