import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { admin, clientFor, newAccount } from "@onewindow/testkit/test-chain";
import { getMatterByCode } from "../actions/catalogue/getMatterByCode.ts";
import { getDepartmentByCode } from "../actions/departments/getDepartmentByCode.ts";
import { writeContract } from "../chain/write.ts";
import { ContractRevertError } from "../errors/contract.ts";
import { applyDistrictPlan } from "../district/applyDistrictPlan.ts";
import { planDistrict } from "../district/planDistrict.ts";
import { haidianDistrict, type HaidianDistrict } from "../test/district.ts";
import { CONDITION_FLAGS, districtDepartmentOf, districtMatterOf } from "./fromChain.ts";
import { durationText, getAdminAbilities, PlatformRole } from "./roles.ts";
import { cancelScheduledOperation, executeScheduledOperation, listScheduledOperations } from "./scheduled.ts";

let h: HaidianDistrict;
before(async () => {
  h = await haidianDistrict();
});

describe("admin: roles, scheduled operations, the chain in the district format", () => {
  it("says which roles an account holds and what it may do now, after a delay, or not and why", async () => {
    const delayed = await newAccount();
    await writeContract(admin, {
      contract: "AccessManager",
      functionName: "grantRole",
      args: [PlatformRole.Registrar, delayed.address, 3600],
    });
    const { roles, abilities } = await getAdminAbilities(admin, { account: delayed.address });
    assert.deepEqual(
      roles.map((r) => [r.roleId, r.name.en, r.executionDelay]),
      [[PlatformRole.Registrar, "registrar", 3600]],
    );
    const by = Object.fromEntries(abilities.map((a) => [a.id, a]));
    assert.equal(by.setOfficers?.may, "delayed");
    assert.equal(by.setOfficers?.delay, 3600);
    assert.match(by.setOfficers!.reason!.zh, /1 小时后方可执行/);
    // A plan refuses delayed changes other than to departments on chain: the reason says how to do it instead.
    assert.equal(by.publishTypeVersion?.may, "delayed");
    assert.match(by.publishTypeVersion!.reason!.en, /schedule this one through the AccessManager/);
    assert.equal(by.publishMatterVersion?.may, "no");
    assert.equal(
      by.publishMatterVersion?.reason?.en,
      "it needs the catalogue editor role, which this account does not hold: ask the platform administrator to grant it",
    );
    const nobody = await newAccount();
    const none = await getAdminAbilities(admin, { account: nobody.address });
    assert.deepEqual(none.roles, []);
    assert.ok(none.abilities.every((a) => a.may === "no" && a.reason !== undefined));
    const all = await getAdminAbilities(admin, { account: admin.wallet!.account.address });
    assert.ok(all.abilities.every((a) => a.may === "now"));
  });

  it("lists a delayed officer change as scheduled; refuses to execute it early; cancels and executes", async () => {
    const delayed = await newAccount();
    await writeContract(admin, {
      contract: "AccessManager",
      functionName: "grantRole",
      args: [PlatformRole.Registrar, delayed.address, 3600],
    });
    const registrar = clientFor(delayed.key);
    const code = `HD-TAX-${h.suffix}`;
    const department = await districtDepartmentOf(admin, (await getDepartmentByCode(admin, { code }))!.departmentId);
    assert.equal(department.code, code);
    const officers = (await getDepartmentByCode(admin, { code }))!.officers;
    const added = (await newAccount()).address;
    const options = { officersOf: () => [...officers, added], encryptionKeyOf: () => undefined };
    const plan = await planDistrict(registrar, { departments: [department] }, options);
    assert.deepEqual(
      plan.changes.map((c) => [c.kind, c.action, c.delay]),
      [["officers", "setOfficers", 3600]],
    );
    await applyDistrictPlan(registrar, plan);

    const mine = (await listScheduledOperations(admin)).filter((op) => op.caller === delayed.address);
    assert.equal(mine.length, 1);
    const [op] = mine;
    assert.equal(op!.contract, "DepartmentRegistry");
    assert.equal(op!.functionName, "setOfficers");
    assert.deepEqual(op!.args[1], [...officers, added]);
    assert.equal(op!.due, false);
    await assert.rejects(executeScheduledOperation(registrar, op!), (error: unknown) => {
      assert.ok(error instanceof ContractRevertError, String(error));
      assert.equal(error.errorName, "AccessManagerNotReady");
      return true;
    });

    await cancelScheduledOperation(registrar, op!);
    assert.equal((await listScheduledOperations(admin)).filter((x) => x.caller === delayed.address).length, 0);

    await applyDistrictPlan(registrar, await planDistrict(registrar, { departments: [department] }, options));
    await admin.public.request({ method: "evm_increaseTime" as never, params: [3601] as never });
    await admin.public.request({ method: "evm_mine" as never, params: [] as never });
    const [due] = (await listScheduledOperations(admin)).filter((x) => x.caller === delayed.address);
    assert.equal(due?.due, true);
    await executeScheduledOperation(registrar, due!);
    assert.deepEqual((await getDepartmentByCode(admin, { code }))!.officers, [...officers, added]);
  });

  it("reads a matter back in the district format: planning it again changes nothing", async () => {
    for (const unsuffixed of ["HD-VR-HALL", "HD-ZGC-HNTE", "HD-MEDICAL-AID"]) {
      const { matterId } = (await getMatterByCode(admin, { code: `${unsuffixed}-${h.suffix}` }))!;
      const { matter, rules, version } = await districtMatterOf(admin, { matterId });
      assert.equal(version, 1);
      const plan = await planDistrict(
        admin,
        { matters: [matter], conditions: CONDITION_FLAGS },
        { officersOf: () => undefined, encryptionKeyOf: () => undefined, rules },
      );
      assert.deepEqual(plan.changes, [], unsuffixed);
      assert.deepEqual(plan.refused, [], unsuffixed);
    }
  });

  it("says delays in words", () => {
    assert.equal(durationText(3600, "zh"), "1 小时");
    assert.equal(durationText(7200, "en"), "2 hours");
    assert.equal(durationText(86_400, "en"), "1 day");
    assert.equal(durationText(90, "en"), "90 seconds");
  });
});
