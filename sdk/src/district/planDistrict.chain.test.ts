import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, type Address, type Hex } from "viem";

import { admin, clientFor, newAccount, uniqueCode } from "@onewindow/testkit/test-chain";
import { getSealKeys } from "../actions/departments/getSealKeys.ts";
import { readContract } from "../chain/read.ts";
import { writeContract } from "../chain/write.ts";
import { newSm2PrivateKey, sm2PublicKeyOf } from "../crypto/sm2.ts";
import { InvalidParameterError } from "../errors/index.ts";
import { haidianDistrict, type HaidianDistrict } from "../test/district.ts";
import { applyDistrictPlan } from "./applyDistrictPlan.ts";
import { describePlan } from "./describe.ts";
import { planDistrict } from "./planDistrict.ts";
import type { DistrictData, DistrictProgress } from "./types.ts";

const REGISTRAR = 1n;
const key = (): Hex => bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));

let h: HaidianDistrict;
before(async () => {
  h = await haidianDistrict();
});

/** Three fresh accounts (an officer serves one department only). */
async function threeOfficers(): Promise<Address[]> {
  return (await Promise.all([newAccount(), newAccount(), newAccount()])).map((a) => a.address);
}

/** A small district of its own: two departments, a licence type, a matter with parallel steps. */
function district(suffix: string): DistrictData {
  return {
    departments: [
      { code: `PA-${suffix}`, name: `甲局 ${suffix}`, level: "district", threshold: 1 },
      { code: `PB-${suffix}`, name: `乙局 ${suffix}`, level: "district", threshold: 2 },
    ],
    licenceTypes: [
      {
        code: `PT-${suffix}`,
        name: `测试许可证 ${suffix}`,
        level: "district",
        defaultValidityDays: 365,
        issuers: [`PB-${suffix}`],
        fieldNames: ["holder", "name"],
      },
    ],
    matters: [
      {
        code: `PM-${suffix}`,
        name: `测试事项 ${suffix}`,
        steps: [
          { department: `PA-${suffix}`, timeLimit: 5 },
          { department: `PB-${suffix}`, timeLimit: 5, issues: `PT-${suffix}` },
        ],
        materials: [{ kind: "upload", name: "申请书" }],
      },
    ],
  };
}

describe("planDistrict and applyDistrictPlan", () => {
  it("plans nothing for a district loaded already (the Haidian data round-trips)", async () => {
    const plan = await planDistrict(admin, h.data, {
      officersOf: () => undefined,
      encryptionKeyOf: () => undefined,
    });
    assert.deepEqual(plan.refused, []);
    assert.deepEqual(
      plan.changes.map((c) => `${c.kind} ${c.code} ${c.action}`),
      [],
    );
    assert.ok(plan.unchanged > 0);
  });

  it("seal keys: a new department's first key and a rotation are planned, applied, and a second plan is empty; a bad key is named", async () => {
    const suffix = uniqueCode("S").slice(-8);
    const officers = await threeOfficers();
    const data: DistrictData = { departments: district(suffix).departments! };
    const keys = new Map([
      [`PA-${suffix}`, key()],
      [`PB-${suffix}`, key()],
    ]);
    const seals = new Map<string, Hex>([[`PA-${suffix}`, sm2PublicKeyOf(newSm2PrivateKey())]]);
    const options = () => ({
      officersOf: (code: string) => (code.startsWith("PA") ? [officers[0]!] : [officers[1]!, officers[2]!]),
      encryptionKeyOf: (code: string) => keys.get(code),
      sealKeyOf: (code: string) => seals.get(code),
    });

    const plan = await planDistrict(admin, data, options());
    assert.deepEqual(plan.changes.map((c) => `${c.kind}:${c.code}:${c.action}`).sort(), [
      `department:PA-${suffix}:add`,
      `department:PB-${suffix}:add`,
      `sealKey:PA-${suffix}:add`,
    ]);
    assert.match(describePlan(plan, "en"), new RegExp(`\\+ seal key PA-${suffix}: add \\(sealKey\\) register 0x04`));
    assert.match(describePlan(plan, "zh"), new RegExp(`\\+ 印章公钥 PA-${suffix}：?.*登记 0x04`));
    await applyDistrictPlan(admin, plan);
    const idA = await readContract(admin, {
      contract: "DepartmentRegistry",
      functionName: "departmentIdByCode",
      args: [`PA-${suffix}`],
    });
    assert.deepEqual(
      (await getSealKeys(admin, { departmentId: idA })).map((k) => k.publicKey),
      [seals.get(`PA-${suffix}`)],
    );
    assert.deepEqual((await planDistrict(admin, data, options())).changes, []);

    // Rotated: the plan shows the change from the current key, and the history keeps both.
    const first = seals.get(`PA-${suffix}`)!;
    seals.set(`PA-${suffix}`, sm2PublicKeyOf(newSm2PrivateKey()));
    const rotation = await planDistrict(admin, data, options());
    assert.deepEqual(
      rotation.changes.map((c) => [c.kind, c.action, c.sealKey]),
      [["sealKey", "update", { from: first, to: seals.get(`PA-${suffix}`) }]],
    );
    assert.match(describePlan(rotation, "en"), /~ seal key .*rotate 0x04.* → 0x04/);
    const applied = await applyDistrictPlan(admin, rotation);
    assert.equal(applied.updated, 1);
    assert.deepEqual(
      (await getSealKeys(admin, { departmentId: idA })).map((k) => k.publicKey),
      [first, seals.get(`PA-${suffix}`)],
    );
    assert.deepEqual((await planDistrict(admin, data, options())).changes, []);

    // A key off the curve: planning names the department and the problem; nothing is sent.
    seals.set(`PB-${suffix}`, `0x04${"11".repeat(64)}`);
    await assert.rejects(
      planDistrict(admin, data, options()),
      (error: unknown) =>
        error instanceof InvalidParameterError &&
        /seal public key of PB-.* is not a point of the SM2 curve/.test(error.message) &&
        /SM2 曲线/.test(error.messages.zh),
    );
  });

  it("adds, then versions and changes officers, and a second plan after each apply is empty", async () => {
    const suffix = uniqueCode("P").slice(-8);
    const officers = await threeOfficers();
    const data = district(suffix);
    const keys = new Map([
      [`PA-${suffix}`, key()],
      [`PB-${suffix}`, key()],
    ]);
    let officersOf = (code: string) => (code.startsWith("PA") ? [officers[0]!] : [officers[1]!, officers[2]!]);
    const options = () => ({ officersOf, encryptionKeyOf: (code: string) => keys.get(code) });

    const plan = await planDistrict(admin, data, options());
    assert.deepEqual(plan.changes.map((c) => `${c.kind}:${c.action}`).sort(), [
      "department:add",
      "department:add",
      "licenceType:add",
      "matter:add",
    ]);
    const events: DistrictProgress[] = [];
    const result = await applyDistrictPlan(admin, plan, { onProgress: (e) => events.push(e) });
    assert.equal(result.created, 4);
    assert.equal((await planDistrict(admin, data, options())).changes.length, 0);

    // A step's time limit, a field of the licence type, an officer removed, a threshold changed.
    const changed: DistrictData = {
      ...data,
      departments: [data.departments![0]!, { ...data.departments![1]!, threshold: 1 }],
      licenceTypes: [{ ...data.licenceTypes![0]!, fieldNames: ["holder", "name", "address"] }],
      matters: [
        {
          ...data.matters![0]!,
          steps: [data.matters![0]!.steps[0]!, { ...data.matters![0]!.steps[1]!, timeLimit: 7 }],
        },
      ],
    };
    officersOf = (code: string) => (code.startsWith("PA") ? [officers[0]!] : [officers[1]!]);
    const second = await planDistrict(admin, changed, options());
    const byKind = Object.fromEntries(second.changes.map((c) => [c.kind, c]));
    assert.equal(byKind.matter?.action, "newVersion");
    assert.deepEqual(byKind.matter?.fields, ["steps"]);
    assert.equal(byKind.licenceType?.action, "newVersion");
    assert.deepEqual(byKind.licenceType?.fields, ["fieldNames"]);
    assert.equal(byKind.officers?.action, "setOfficers");
    assert.deepEqual(byKind.officers?.officers?.removed, [officers[2]]);
    assert.deepEqual(byKind.officers?.officers?.threshold, { from: 2, to: 1 });
    const applied = await applyDistrictPlan(admin, second);
    assert.equal(applied.updated, 3);
    assert.deepEqual((await planDistrict(admin, changed, options())).changes, []);

    // A step moved to a department this same plan adds: the department, then the new version.
    const extra = (await newAccount()).address;
    const moved: DistrictData = {
      ...changed,
      departments: [
        ...changed.departments!,
        { code: `PC-${suffix}`, name: `丙局 ${suffix}`, level: "district", threshold: 1 },
      ],
      matters: [
        {
          ...changed.matters![0]!,
          steps: [{ department: `PC-${suffix}`, timeLimit: 3 }, changed.matters![0]!.steps[1]!],
        },
      ],
    };
    keys.set(`PC-${suffix}`, key());
    const previous = officersOf;
    officersOf = (code: string) => (code.startsWith("PC") ? [extra] : previous(code));
    const third = await planDistrict(admin, moved, options());
    assert.deepEqual(
      third.changes.map((c) => `${c.kind}:${c.action}:${c.fields.join(",")}`),
      ["department:add:", "matter:newVersion:steps"],
    );
    await applyDistrictPlan(admin, third);
    assert.deepEqual((await planDistrict(admin, moved, options())).changes, []);

    // A new name is refused, in both languages; absent matters are deactivated only when asked.
    const renamed = { ...changed, matters: [{ ...changed.matters![0]!, name: "改名" }] };
    const refused = await planDistrict(admin, renamed, options());
    assert.equal(refused.refused.length, 1);
    assert.match(refused.refused[0]!.reason.en, /a name cannot change/);
    assert.match(refused.refused[0]!.reason.zh, /名称不能修改/);
    await assert.rejects(applyDistrictPlan(admin, refused), /refuses 1 change/);
    const without = { ...changed, matters: [] };
    assert.equal((await planDistrict(admin, without, options())).changes.length, 0);
    const pruned = await planDistrict(admin, without, { ...options(), deactivateAbsent: true });
    assert.ok(
      pruned.changes.some((c) => c.kind === "matter" && c.code === `PM-${suffix}` && c.action === "deactivate"),
    );
  });

  it("refuses, before sending anything, an output step whose department may not issue the output type", async () => {
    const suffix = uniqueCode("X").slice(-8);
    const data = district(suffix);
    const options = { officersOf: () => [] as Address[], encryptionKeyOf: () => key() };
    const wrong: DistrictData = {
      ...data,
      matters: [
        {
          ...data.matters![0]!,
          steps: [data.matters![0]!.steps[0]!, { department: `PA-${suffix}`, timeLimit: 5, issues: `PT-${suffix}` }],
        },
      ],
    };
    await assert.rejects(planDistrict(admin, wrong, options), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError, String(error));
      assert.match(error.message, /matters\[0\]\.steps\[1\]\.department/);
      assert.match(error.message, new RegExp(`PA-${suffix} may not issue PT-${suffix}`));
      return true;
    });
  });

  it("schedules an officer change behind the registrar's execution delay, and executes it when due", async () => {
    const suffix = uniqueCode("Q").slice(-8);
    const officers = await threeOfficers();
    const data = district(suffix);
    const keys = new Map([
      [`PA-${suffix}`, key()],
      [`PB-${suffix}`, key()],
    ]);
    let officersOf = (code: string) => (code.startsWith("PA") ? [officers[0]!] : [officers[1]!, officers[2]!]);
    const options = () => ({ officersOf, encryptionKeyOf: (code: string) => keys.get(code) });
    await applyDistrictPlan(admin, await planDistrict(admin, data, options()));

    const delayed = await newAccount();
    await writeContract(admin, {
      contract: "AccessManager",
      functionName: "grantRole",
      args: [REGISTRAR, delayed.address, 3600],
    });
    const registrar = clientFor(delayed.key);
    const added = (await newAccount()).address;
    officersOf = (code: string) => (code.startsWith("PA") ? [officers[0]!, added] : [officers[1]!, officers[2]!]);
    const plan = await planDistrict(registrar, data, options());
    assert.equal(plan.changes.length, 1);
    const [change] = plan.changes;
    assert.equal(change!.kind, "officers");
    assert.equal(change!.delay, 3600);
    assert.equal(change!.executableAt, plan.at + 3600);
    const events: DistrictProgress[] = [];
    await applyDistrictPlan(registrar, plan, { onProgress: (e) => events.push(e) });
    const scheduled = events.find((e) => e.action === "scheduled");
    assert.ok(scheduled && scheduled.executableAt !== undefined && scheduled.executableAt >= plan.at + 3600);

    const waiting = await planDistrict(registrar, data, options());
    assert.deepEqual(waiting.changes, []);
    assert.equal(waiting.pending.length, 1);
    assert.equal(waiting.pending[0]!.executableAt, scheduled.executableAt);

    await admin.public.request({ method: "evm_increaseTime" as never, params: [3601] as never });
    await admin.public.request({ method: "evm_mine" as never, params: [] as never });
    const due = await planDistrict(registrar, data, options());
    assert.equal(due.changes[0]?.action, "execute");
    await applyDistrictPlan(registrar, due);
    const done = await planDistrict(registrar, data, options());
    assert.deepEqual([done.changes, done.pending], [[], []]);
  });
});
