import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex } from "viem";

import { registerDepartment } from "../departments/registerDepartment.ts";
import { deactivateLicenceType } from "./deactivateLicenceType.ts";
import { getLicenceType } from "./getLicenceType.ts";
import { getLicenceTypeByCode } from "./getLicenceTypeByCode.ts";
import { listLicenceTypes } from "./listLicenceTypes.ts";
import { publishLicenceTypeVersion } from "./publishLicenceTypeVersion.ts";
import { registerLicenceType } from "./registerLicenceType.ts";
import { InvalidParameterError } from "../../errors/parameter.ts";
import { Level } from "../../chain/enums.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { admin, newAccount, uniqueCode } from "@onewindow/testkit/test-chain";

const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));
const FIELDS = ["holder", "name", "patentNumber"];

async function rejectsWith(promise: Promise<unknown>, errorName: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, errorName);
    return true;
  });
}

let issuer: number;

before(async () => {
  const officer = await newAccount();
  ({ departmentId: issuer } = await registerDepartment(admin, {
    code: uniqueCode("CNIPA"),
    name: "国家知识产权局",
    level: Level.National,
    encryptionKey,
    officers: [officer.address],
    threshold: 1,
  }));
});

describe("licence types", () => {
  it("registers, publishes a version, reads and deactivates a type", async () => {
    const code = uniqueCode("PATENT");
    const { typeId } = await registerLicenceType(admin, {
      code,
      name: "专利证书 Patent certificate",
      level: Level.National,
      defaultValidity: 86_400 * 365 * 20,
      fieldNames: FIELDS,
      issuers: [issuer],
    });
    const first = await getLicenceType(admin, { typeId });
    assert.deepEqual([first.code, first.currentVersion, first.active], [code, 1, true]);
    assert.deepEqual(first.version.fieldNames, FIELDS);
    assert.deepEqual(first.version.issuers, [issuer]);

    const { version } = await publishLicenceTypeVersion(admin, {
      typeId,
      level: Level.National,
      defaultValidity: 0,
      fieldNames: [...FIELDS, "grantedOn"],
      issuers: [issuer],
    });
    assert.equal(version, 2);
    const byCode = await getLicenceTypeByCode(admin, { code });
    assert.deepEqual(byCode?.version.fieldNames, [...FIELDS, "grantedOn"]);
    assert.deepEqual((await getLicenceType(admin, { typeId, version: 1 })).version.fieldNames, FIELDS);
    assert.equal(await getLicenceTypeByCode(admin, { code: uniqueCode("NONE") }), undefined);
    const listed = await listLicenceTypes(admin, { fromId: typeId, limit: 1 });
    assert.deepEqual(
      listed.map((t) => t.code),
      [code],
    );

    const { deactivatedAt } = await deactivateLicenceType(admin, { typeId });
    assert.ok(deactivatedAt > 0);
    assert.equal((await getLicenceType(admin, { typeId })).active, false);
  });

  it("refuses unauthorised callers", async () => {
    const stranger = await newAccount();
    const { typeId } = await registerLicenceType(admin, {
      code: uniqueCode("T"),
      name: "测试",
      level: Level.District,
      defaultValidity: 0,
      fieldNames: FIELDS,
      issuers: [issuer],
    });
    const input = { level: Level.District, defaultValidity: 0, fieldNames: FIELDS, issuers: [issuer] };
    await Promise.all([
      rejectsWith(
        registerLicenceType(stranger.client, { ...input, code: uniqueCode("X"), name: "x" }),
        "AccessManagedUnauthorized",
      ),
      rejectsWith(publishLicenceTypeVersion(stranger.client, { ...input, typeId }), "AccessManagedUnauthorized"),
      rejectsWith(deactivateLicenceType(stranger.client, { typeId }), "AccessManagedUnauthorized"),
    ]);
  });

  it("refuses bad input before sending: empty or repeated field names, no holder, no issuer", async () => {
    const base: Parameters<typeof registerLicenceType>[1] = {
      code: uniqueCode("B"),
      name: "b",
      level: Level.District,
      defaultValidity: 0,
      fieldNames: FIELDS,
      issuers: [issuer],
    };
    const cases: [Partial<Parameters<typeof registerLicenceType>[1]>, string][] = [
      [{ fieldNames: [] }, "fieldNames"],
      [{ fieldNames: ["holder", ""] }, "fieldNames[1]"],
      [{ fieldNames: ["holder", "name", "name"] }, "fieldNames[2]"],
      [{ fieldNames: ["name"] }, "fieldNames"],
      [{ issuers: [] }, "issuers"],
      [{ defaultValidity: -1 }, "defaultValidity"],
      [{ code: "" }, "code"],
      [{ level: 0 as Level }, "level"],
    ];
    for (const [change, parameter] of cases) {
      await assert.rejects(registerLicenceType(admin, { ...base, ...change }), (error: unknown) => {
        assert.ok(error instanceof InvalidParameterError, String(error));
        assert.equal(error.parameter, parameter);
        assert.equal(error.code, "INVALID_PARAMETER");
        assert.match(error.messages.zh, /无效/);
        return true;
      });
    }
  });
});
