import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex } from "viem";

import { departmentOf } from "./departmentOf.ts";
import { getDepartment } from "./getDepartment.ts";
import { getDepartmentByCode } from "./getDepartmentByCode.ts";
import { listDepartments } from "./listDepartments.ts";
import { registerDepartment } from "./registerDepartment.ts";
import { renounceOfficer } from "./renounceOfficer.ts";
import { setDepartmentActive } from "./setDepartmentActive.ts";
import { setOfficers } from "./setOfficers.ts";
import { updateDepartment } from "./updateDepartment.ts";
import { InvalidParameterError } from "../../errors/parameter.ts";
import { DepartmentKind, Level } from "../../chain/enums.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { admin, newAccount, newAccounts, uniqueCode } from "@onewindow/testkit/test-chain";

const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));

async function rejectsWith(promise: Promise<unknown>, errorName: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, errorName);
    return true;
  });
}

describe("registerDepartment", () => {
  it("registers a department and returns its id", async () => {
    const officers = await newAccounts(3);
    const { departmentId } = await registerDepartment(admin, {
      code: uniqueCode("SAMR"),
      name: "海淀区市场监督管理局",
      level: Level.District,
      encryptionKey,
      officers: officers.map((o) => o.address),
      threshold: 2,
    });
    assert.ok(departmentId > 0);
  });

  it("rejects an unauthorised caller with a decoded, translated error", async () => {
    const stranger = await newAccount();
    await assert.rejects(
      registerDepartment(stranger.client, {
        code: uniqueCode("X"),
        name: "未授权",
        level: Level.District,
        encryptionKey,
        officers: [stranger.address],
        threshold: 1,
      }),
      (error: unknown) => {
        assert.ok(error instanceof ContractRevertError);
        assert.equal(error.errorName, "AccessManagedUnauthorized");
        assert.equal((error.args[0] as string).toLowerCase(), stranger.address.toLowerCase());
        assert.match(error.messages.zh, /无权/);
        return true;
      },
    );
  });

  it("refuses bad input before sending", async () => {
    const base = {
      code: uniqueCode("B"),
      name: "b",
      level: Level.District,
      encryptionKey,
      officers: [admin.wallet!.account.address],
      threshold: 1,
    };
    const cases: [Partial<typeof base>, string][] = [
      [{ officers: ["0x1234"] }, "officers[0]"],
      [{ threshold: 2 }, "threshold"],
      [{ encryptionKey: `0x04${"11".repeat(32)}` }, "encryptionKey"],
      [{ code: "x".repeat(33) }, "code"],
    ];
    for (const [change, parameter] of cases) {
      await assert.rejects(registerDepartment(admin, { ...base, ...change }), (error: unknown) => {
        assert.ok(error instanceof InvalidParameterError, String(error));
        assert.equal(error.parameter, parameter);
        return true;
      });
    }
  });
});

describe("department management", () => {
  it("updates, changes officers, renounces, deactivates and reads a department", async () => {
    const [a, b, c] = await newAccounts(3);
    const code = uniqueCode("HRSS");
    const { departmentId } = await registerDepartment(admin, {
      code,
      name: "海淀区人力资源和社会保障局",
      level: Level.District,
      encryptionKey,
      officers: [a!.address, b!.address],
      threshold: 1,
    });
    await updateDepartment(admin, {
      departmentId,
      code,
      name: "海淀区人社局",
      level: Level.District,
      kind: DepartmentKind.Government,
      encryptionKey,
    });
    assert.equal((await getDepartmentByCode(admin, { code }))?.name, "海淀区人社局");
    await setOfficers(admin, { departmentId, officers: [a!.address, b!.address, c!.address], threshold: 2 });
    const { departmentId: renouncedFrom } = await renounceOfficer(c!.client);
    assert.equal(renouncedFrom, departmentId);
    assert.equal(await departmentOf(admin, { account: c!.address }), undefined);
    assert.deepEqual(await departmentOf(admin, { account: a!.address }), { departmentId, active: true });
    await setDepartmentActive(admin, { departmentId, active: false });
    const department = await getDepartment(admin, { departmentId });
    assert.deepEqual([department.active, department.threshold, department.officers.length], [false, 2, 2]);
    const listed = await listDepartments(admin, { fromId: departmentId, limit: 5 });
    assert.equal(listed[0]?.code, code);
    assert.equal(await getDepartmentByCode(admin, { code: uniqueCode("NONE") }), undefined);
  });

  it("refuses unauthorised callers", async () => {
    const [a, stranger] = await newAccounts(2);
    const code = uniqueCode("U");
    const { departmentId } = await registerDepartment(admin, {
      code,
      name: "u",
      level: Level.District,
      encryptionKey,
      officers: [a!.address],
      threshold: 1,
    });
    await Promise.all([
      rejectsWith(
        updateDepartment(stranger!.client, { departmentId, code, name: "x", level: Level.District, encryptionKey }),
        "AccessManagedUnauthorized",
      ),
      rejectsWith(
        setOfficers(stranger!.client, { departmentId, officers: [stranger!.address], threshold: 1 }),
        "AccessManagedUnauthorized",
      ),
      rejectsWith(setDepartmentActive(stranger!.client, { departmentId, active: false }), "AccessManagedUnauthorized"),
      rejectsWith(renounceOfficer(stranger!.client), "NotDepartmentOfficer"),
      rejectsWith(renounceOfficer(a!.client), "DepartmentRegistryThresholdUnreachable"),
    ]);
  });
});
