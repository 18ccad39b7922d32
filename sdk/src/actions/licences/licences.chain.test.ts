import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, keccak256, toHex, type Hex } from "viem";

import { registerDepartment } from "../departments/registerDepartment.ts";
import { registerLicenceType } from "../licence-types/registerLicenceType.ts";
import { getIssuedLicenceFile } from "./getIssuedLicenceFile.ts";
import { getLicence } from "./getLicence.ts";
import { getLicenceStatus } from "./getLicenceStatus.ts";
import { InvalidParameterError } from "../../errors/parameter.ts";
import { issueLicence } from "./issueLicence.ts";
import { issueLicences, type IssueLicencesProgress } from "./issueLicences.ts";
import { recordVerification } from "./recordVerification.ts";
import { replaceLicence } from "./replaceLicence.ts";
import { resumeLicence } from "./resumeLicence.ts";
import { revokeLicence } from "./revokeLicence.ts";
import { suspendLicence } from "./suspendLicence.ts";
import { verifyLicence } from "./verifyLicence.ts";
import type { OneWindowClient } from "../../chain/client.ts";
import { LicenceState, LicenceStatus, Level } from "../../chain/enums.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { LicenceIntegrityError, LicenceNotIssuedError } from "../../errors/licence.ts";
import { buildLicence } from "../../licence/build.ts";
import { discloseFields } from "../../licence/disclose.ts";
import type { LicenceFile } from "../../licence/format.ts";
import { admin, newAccounts, uniqueCode } from "@onewindow/testkit/test-chain";

const FIELD_NAMES = ["holder", "name", "creditCode", "registeredAddress"];
const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));

/** Asserts that `promise` rejects with the contract error `errorName`. */
async function rejectsWith(promise: Promise<unknown>, errorName: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, errorName);
    return true;
  });
}

let officer: OneWindowClient;
let otherOfficer: OneWindowClient;
let stranger: OneWindowClient;
let departmentId: number;
let typeId: number;
let holder: Hex;

/** A licence of the test type for `holder`, not yet issued. */
function build(values: Partial<Record<string, string>> = {}): LicenceFile {
  return buildLicence({
    typeId,
    typeVersion: 1,
    fieldNames: FIELD_NAMES,
    fields: {
      name: "北京示例科技有限公司",
      creditCode: `91110108MA${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
      registeredAddress: "北京市海淀区中关村大街1号",
      ...values,
    } as Record<string, string>,
    holder,
    issuerDepartment: departmentId,
  }).file;
}

before(async () => {
  const [a, b, c, h] = await newAccounts(4);
  officer = a!.client;
  otherOfficer = b!.client;
  stranger = c!.client;
  holder = h!.address;
  const [first, second] = await Promise.all([
    registerDepartment(admin, {
      code: uniqueCode("SAMR"),
      name: "海淀区市场监督管理局",
      level: Level.District,
      encryptionKey,
      officers: [a!.address],
      threshold: 1,
    }),
    registerDepartment(admin, {
      code: uniqueCode("OTHER"),
      name: "其他部门",
      level: Level.District,
      encryptionKey,
      officers: [b!.address],
      threshold: 1,
    }),
  ]);
  departmentId = first.departmentId;
  ({ typeId } = await registerLicenceType(admin, {
    code: uniqueCode("BL"),
    name: "营业执照 Business licence",
    level: Level.District,
    defaultValidity: 0,
    fieldNames: FIELD_NAMES,
    issuers: [departmentId, second.departmentId],
  }));
});

describe("issueLicence and verifyLicence", () => {
  it("issues a licence that verifies in all three parts, from the file and from a disclosure", async () => {
    const file = build();
    const { licenceId } = await issueLicence(officer, { file });
    assert.equal(licenceId, file.licenceId);
    const verdict = await verifyLicence(stranger, { file });
    assert.equal(verdict.valid, true, JSON.stringify(verdict.integrity));
    assert.equal(verdict.result, 7);
    assert.equal(verdict.issuer.departmentId, departmentId);
    const disclosed = await verifyLicence(stranger, {
      disclosure: discloseFields(file, ["name", "registeredAddress"]),
    });
    assert.equal(disclosed.valid, true, disclosed.integrity.problems.join("; "));
    assert.equal(disclosed.fieldMask, 0b1010n);
    // Every read of the verdict was at one block, the one it reports.
    const at = await stranger.public.getBlockNumber();
    assert.equal(disclosed.blockNumber, at);
    const tamperedDisclosure = discloseFields(file, ["name", "registeredAddress"]);
    tamperedDisclosure.fields[1]!.value = "北京市朝阳区";
    const altered = await verifyLicence(stranger, { disclosure: tamperedDisclosure, blockNumber: at });
    assert.deepEqual(altered.integrity.alteredFields, ["registeredAddress"]);
    // The disclosed leaves still prove the other field: only the altered one is not proven.
    assert.equal(altered.integrity.proofHolds, true);
    assert.equal(altered.blockNumber, at);
    const record = await getLicence(stranger, { licenceId });
    assert.equal(record?.state, LicenceState.Issued);
    assert.equal(record?.issuerDepartment, departmentId);
  });

  it("a file tampered in one field fails integrity, and only integrity", async () => {
    const file = build();
    await issueLicence(officer, { file });
    const tampered: LicenceFile = {
      ...file,
      fields: file.fields.map((f) => (f.name === "registeredAddress" ? { ...f, value: "北京市朝阳区" } : f)),
    };
    const verdict = await verifyLicence(stranger, { file: tampered });
    assert.equal(verdict.valid, false);
    assert.equal(verdict.integrity.ok, false);
    assert.match(verdict.integrity.problems.join("\n"), /registeredAddress/);
    assert.deepEqual(verdict.integrity.alteredFields, ["registeredAddress"]);
    assert.equal(verdict.status.ok, true);
    assert.equal(verdict.issuer.ok, true);
    assert.equal(verdict.result, 6);
    // …and a tampered file is never issued.
    await assert.rejects(issueLicence(officer, { file: tampered }), LicenceIntegrityError);
  });

  it("a file whose expiry, issuer or type version disagrees with the chain fails integrity, naming the field", async () => {
    const file = build();
    await issueLicence(officer, { file });
    const record = (await getLicence(stranger, { licenceId: file.licenceId }))!;
    const honest = await verifyLicence(stranger, { file: { ...file, issuedAt: record.issuedAt } });
    assert.equal(honest.valid, true, JSON.stringify(honest.integrity));
    assert.deepEqual(honest.integrity.mismatches, []);

    // The expiry edited in the file, the chain unchanged (it records none).
    const later = record.issuedAt + 365 * 86_400;
    const edited = await verifyLicence(stranger, { file: { ...file, expiresAt: later } });
    assert.equal(edited.valid, false);
    assert.equal(edited.integrity.ok, false);
    assert.deepEqual(edited.integrity.mismatches, [{ field: "expiresAt", file: later, chain: 0 }]);
    assert.match(edited.integrity.problems.join("\n"), /expiry .* disagrees with the chain's record/);
    assert.deepEqual([edited.status.ok, edited.issuer.ok], [true, true]);
    assert.equal(edited.result, 6);
    // …and in a disclosure made from it.
    const disclosed = await verifyLicence(stranger, {
      disclosure: discloseFields({ ...file, expiresAt: later }, ["name"]),
    });
    assert.equal(disclosed.integrity.ok, false);
    assert.match(disclosed.integrity.problems.join("\n"), /expiry/);

    const others = await verifyLicence(stranger, {
      file: { ...file, issuedAt: record.issuedAt - 86_400, issuerDepartment: departmentId + 1000, typeVersion: 2 },
    });
    // The file's issue time is the issuer's clock, informative: not compared.
    assert.deepEqual(others.integrity.mismatches.map((m) => m.field).sort(), ["issuerDepartment", "typeVersion"]);
    assert.match(others.integrity.problems.join("\n"), /issuing department/);
  });

  it("getIssuedLicenceFile gives the file with the chain's issue and expiry times; refuses one never issued", async () => {
    const file = build();
    await issueLicence(officer, { file });
    const record = (await getLicence(stranger, { licenceId: file.licenceId }))!;
    const issued = await getIssuedLicenceFile(stranger, { file: { ...file, expiresAt: record.issuedAt + 86_400 } });
    assert.equal(issued.issuedAt, record.issuedAt);
    assert.equal(issued.expiresAt, 0);
    assert.deepEqual(issued.fields, file.fields);
    assert.equal((await verifyLicence(stranger, { file: issued })).valid, true);
    await assert.rejects(getIssuedLicenceFile(stranger, { file: build() }), LicenceNotIssuedError);
  });

  it("a revoked licence fails status, and a replaced one names its replacement", async () => {
    const [file, other] = [build(), build()];
    await Promise.all([issueLicence(officer, { file }), issueLicence(officer, { file: other })]);
    await revokeLicence(officer, { file, reason: 1 });
    const verdict = await verifyLicence(stranger, { file });
    assert.equal(verdict.status.status, LicenceStatus.Revoked);
    assert.deepEqual([verdict.integrity.ok, verdict.status.ok, verdict.issuer.ok], [true, false, true]);

    const corrected = build({ registeredAddress: "北京市海淀区学院路2号" });
    const { licenceId } = await replaceLicence(officer, { old: { file: other }, file: corrected, reason: 2 });
    assert.equal(licenceId, corrected.licenceId);
    const old = await verifyLicence(stranger, { file: other });
    assert.match(old.status.problems[0]!, new RegExp(`replaced by ${corrected.licenceId}`));
    assert.equal(old.status.replacedBy, corrected.licenceId);
    assert.equal(verdict.status.replacedBy, undefined);
    assert.equal((await verifyLicence(stranger, { file: corrected })).valid, true);
  });

  it("a suspended then resumed licence is valid again", async () => {
    const file = build();
    await issueLicence(officer, { file });
    await suspendLicence(officer, { licenceId: file.licenceId, reason: 3 });
    assert.equal(await getLicenceStatus(stranger, { file }), LicenceStatus.Suspended);
    assert.equal((await verifyLicence(stranger, { file })).status.ok, false);
    await resumeLicence(officer, { file });
    assert.equal(await getLicenceStatus(stranger, { file }), LicenceStatus.Valid);
    assert.equal((await verifyLicence(stranger, { file })).valid, true);
  });

  it("records a verification as evidence", async () => {
    const file = build();
    await issueLicence(officer, { file });
    const verdict = await verifyLicence(otherOfficer, { file });
    const purpose = keccak256(toHex("test purpose"));
    const { hash } = await recordVerification(otherOfficer, { ...verdict, purpose });
    assert.match(hash, /^0x[0-9a-f]{64}$/);
  });
});

describe("issueLicences", () => {
  it("issues 50 licences in batches with progress, and revokes one member by proof", async () => {
    const files = Array.from({ length: 50 }, () => build());
    const progress: IssueLicencesProgress[] = [];
    const { files: issued, batches } = await issueLicences(officer, {
      files,
      batchSize: 16,
      onProgress: (p) => progress.push(p),
    });
    assert.equal(batches.length, 4);
    assert.deepEqual(
      batches.map((b) => b.count),
      [16, 16, 16, 2],
    );
    assert.equal(progress.length, 4);
    assert.deepEqual(progress.at(-1), { done: 50, total: 50, batches: 4 });
    assert.ok(progress.every((p, i) => p.batches === i + 1 && p.total === 50));
    assert.deepEqual(
      issued.map((f) => f.licenceId),
      files.map((f) => f.licenceId),
    );

    const member = issued[20]!;
    assert.equal(member.batch?.root, batches[1]!.root);
    assert.equal((await verifyLicence(stranger, { file: member })).valid, true);
    await revokeLicence(officer, {
      licenceId: member.licenceId,
      batchRoot: member.batch!.root,
      proof: member.batch!.proof,
      reason: 1,
    });
    assert.equal(await getLicenceStatus(stranger, { file: member }), LicenceStatus.Revoked);
    assert.equal(await getLicenceStatus(stranger, { file: issued[21]! }), LicenceStatus.Valid);
    // Without its proof a member is never valid.
    assert.notEqual(await getLicenceStatus(stranger, { licenceId: issued[21]!.licenceId }), LicenceStatus.Valid);
  });

  it("refuses files of different expiries before sending anything", async () => {
    const later = Math.floor(Date.now() / 1000) + 86_400 * 365;
    const files = [build(), { ...build(), expiresAt: later }];
    await assert.rejects(issueLicences(officer, { files }), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError);
      assert.equal(error.parameter, "files[1].expiresAt");
      return true;
    });
  });
});

describe("licence actions refuse unauthorised callers", () => {
  it("issue, batch issue and evidence by a non-officer", async () => {
    await Promise.all([
      rejectsWith(issueLicence(stranger, { file: build() }), "NotDepartmentOfficer"),
      rejectsWith(
        issueLicences(stranger, { files: [build(), build()] }).catch((e: { cause?: unknown }) => {
          throw e.cause;
        }),
        "NotDepartmentOfficer",
      ),
      rejectsWith(
        recordVerification(stranger, {
          licenceId: build().licenceId,
          purpose: keccak256("0x01"),
          fieldMask: 1n,
          result: 7,
        }),
        "NotDepartmentOfficer",
      ),
    ]);
  });

  it("revoke, suspend, resume and replace by another department", async () => {
    const file = build();
    await issueLicence(officer, { file });
    await Promise.all([
      rejectsWith(revokeLicence(otherOfficer, { file, reason: 1 }), "LicenceRegistryNotIssuer"),
      rejectsWith(suspendLicence(otherOfficer, { file, reason: 1 }), "LicenceRegistryNotIssuer"),
      rejectsWith(resumeLicence(otherOfficer, { file }), "LicenceRegistryNotIssuer"),
      rejectsWith(replaceLicence(stranger, { old: { file }, file: build(), reason: 1 }), "NotDepartmentOfficer"),
    ]);
  });
});

describe("bad input is refused before sending", () => {
  it("a licence file for another department", async () => {
    const file = buildLicence({
      typeId,
      typeVersion: 1,
      fieldNames: FIELD_NAMES,
      fields: { name: "x", creditCode: "y", registeredAddress: "z" },
      holder,
      issuerDepartment: departmentId + 1000,
    }).file;
    await assert.rejects(issueLicence(officer, { file }), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError);
      assert.equal(error.code, "INVALID_PARAMETER");
      assert.equal(error.parameter, "file.issuerDepartment");
      assert.ok(error.messages.zh.length > 0 && error.messages.en.length > 0);
      return true;
    });
  });

  it("a batch for another department: the check's error, and nothing sent though the batch was prepared meanwhile", async () => {
    const files = [0, 1].map(
      (i) =>
        buildLicence({
          typeId,
          typeVersion: 1,
          fieldNames: FIELD_NAMES,
          fields: { name: `x${i}`, creditCode: "y", registeredAddress: "z" },
          holder,
          issuerDepartment: departmentId + 1000,
        }).file,
    );
    const address = officer.wallet!.account.address;
    const before = await officer.public.getTransactionCount({ address, blockTag: "pending" });
    await assert.rejects(issueLicences(officer, { files, batchSize: 1 }), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError, String(error));
      assert.equal(error.parameter, "files[0].issuerDepartment");
      return true;
    });
    assert.equal(await officer.public.getTransactionCount({ address, blockTag: "pending" }), before);
  });

  it("a bad licence id or proof", async () => {
    await assert.rejects(revokeLicence(officer, { licenceId: "0x1234", reason: 1 }), InvalidParameterError);
    await assert.rejects(
      revokeLicence(officer, { licenceId: build().licenceId, proof: [build().licenceId], reason: 1 }),
      /without its batchRoot/,
    );
    await assert.rejects(suspendLicence(officer, { file: build(), reason: 70_000 }), InvalidParameterError);
  });
});
