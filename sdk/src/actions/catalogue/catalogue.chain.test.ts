import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import type { Address } from "viem";

import {
  decodeMatterVersion,
  encodeMatterVersion,
  getMatter,
  getMatterByCode,
  getMatterMaterials,
  getMatterSteps,
  listMatters,
  publishMatterVersion,
  registerMatter,
  setMatterActive,
  stepWordsOf,
  unpackStepWord,
  type MatterDefinition,
} from "./index.ts";
import { InvalidParameterError } from "../../errors/parameter.ts";
import { deployCompositeRule, deployHoldsValidLicenceRule, deployNotRestrictedRule } from "../rules/index.ts";
import { readContract } from "../../chain/read.ts";
import { loadDistrict } from "../../district/loadDistrict.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { compositeRuleAbi } from "../../generated/abis.ts";
import { admin, newAccount, uniqueCode } from "@onewindow/testkit/test-chain";
import { haidianDistrict, type HaidianDistrict } from "../../test/district.ts";

let h: HaidianDistrict;
let stranger: Awaited<ReturnType<typeof newAccount>>;

before(async () => {
  [h, stranger] = await Promise.all([haidianDistrict(), newAccount()]);
});

/** A two-step matter of the test district, with a rule on its first step. */
function definition(rule?: Address): MatterDefinition {
  return {
    code: uniqueCode("MATTER"),
    name: "测试事项（目录）",
    steps: [
      { departmentId: h.departmentId("HD-SAMR"), timeLimit: 15, ...(rule ? { rule } : {}) },
      {
        // The output step's department is one the output type names as an issuer.
        departmentId: h.departmentId("HD-ZGC"),
        dependsOn: [0],
        timeLimit: 10,
        issues: h.typeId("ZGC_HNTE_CERTIFICATE"),
      },
    ],
    materials: [
      {
        kind: "licence",
        licenceTypeId: h.typeId("BUSINESS_LICENCE"),
        name: "营业执照",
        consent: { departmentId: h.departmentId("HD-SAMR"), fieldMask: 0b110n },
      },
      { kind: "upload", name: "授权委托书（代办）", condition: 2 },
    ],
    links: [{ matterId: h.matterId("SGCC-POWER-TRANSFER"), mode: "suggest" }],
    visits: 1,
    baseline: { materials: 5, workingDays: 25, visits: 2 },
  };
}

/** Runs `action`, expects an InvalidParameterError at `parameter`, and checks nothing was sent. */
async function rejectsBeforeSending(action: () => Promise<unknown>, parameter: string, reason: RegExp) {
  const nonce = await admin.public.getTransactionCount({ address: admin.wallet!.account.address, blockTag: "pending" });
  await assert.rejects(action(), (error: unknown) => {
    assert.ok(error instanceof InvalidParameterError, String(error));
    assert.equal(error.parameter, parameter);
    assert.match(error.reason, reason);
    return true;
  });
  const after = await admin.public.getTransactionCount({ address: admin.wallet!.account.address, blockTag: "pending" });
  assert.equal(after, nonce, "a transaction was sent");
}

const unauthorised = (stranger: Address) => (error: unknown) => {
  assert.ok(error instanceof ContractRevertError, String(error));
  assert.equal(error.errorName, "AccessManagedUnauthorized");
  assert.equal((error.args[0] as string).toLowerCase(), stranger.toLowerCase());
  return true;
};

describe("catalogue", () => {
  it("registers a matter from its readable definition and reads it back the same", async () => {
    const { address: rule } = await deployNotRestrictedRule(admin, { listCode: "COURT_DISHONEST_EXECUTOR" });
    const matter = definition(rule);
    const { matterId, version } = await registerMatter(admin, matter);
    assert.equal(version, 1);
    const encoded = encodeMatterVersion(matter);

    const read = await getMatter(admin, { matterId });
    assert.equal(read.code, matter.code);
    assert.equal(read.active, true);
    assert.deepEqual(read.definition, decodeMatterVersion(encoded));
    assert.equal(read.criticalPathDays, 25);
    assert.equal(read.sequentialDays, 25);
    assert.deepEqual((await getMatterByCode(admin, { code: matter.code }))?.definition, read.definition);
    assert.equal(await getMatterByCode(admin, { code: uniqueCode("NONE") }), undefined);

    // The packed words the engine reads are the encoder's.
    const words = await readContract(admin, {
      contract: "ServiceCatalog",
      functionName: "stepsOf",
      args: [matterId, 1],
    });
    assert.deepEqual(words, stepWordsOf(encoded));
    assert.deepEqual(await getMatterSteps(admin, { matterId }), stepWordsOf(encoded).map(unpackStepWord));
    const materials = await getMatterMaterials(admin, { matterId });
    assert.deepEqual(
      materials.map((m) => [m.index, m.kind, m.name]),
      [
        [0, "licence", "营业执照"],
        [1, "upload", "授权委托书（代办）"],
      ],
    );

    const { matters, total } = await listMatters(admin, { from: matterId, limit: 5 });
    assert.ok(total >= matterId);
    assert.equal(matters[0]!.code, matter.code);
  });

  it("publishes a new version and closes and reopens a matter", async () => {
    const { matterId } = await registerMatter(admin, definition());
    const { version } = await publishMatterVersion(admin, {
      matterId,
      steps: [{ departmentId: h.departmentId("HD-ZGC"), timeLimit: 5 }],
      materials: [],
    });
    assert.equal(version, 2);
    assert.equal((await getMatter(admin, { matterId })).definition.steps.length, 1);
    assert.equal((await getMatter(admin, { matterId, version: 1 })).definition.steps.length, 2);

    await setMatterActive(admin, { matterId, active: false });
    assert.equal((await getMatter(admin, { matterId })).active, false);
    assert.deepEqual((await listMatters(admin, { from: matterId, limit: 1, activeOnly: true })).matters, []);
    await assert.rejects(setMatterActive(admin, { matterId, active: false }), (error: unknown) => {
      assert.ok(error instanceof ContractRevertError);
      assert.equal(error.errorName, "ServiceCatalogActiveUnchanged");
      return true;
    });
    await setMatterActive(admin, { matterId, active: true });
  });

  it("refuses every catalogue write from an account without the editor role", async () => {
    const matter = definition();
    await assert.rejects(registerMatter(stranger.client, matter), unauthorised(stranger.address));
    const matterId = h.matterId("HD-FIVE-LICENCES");
    await assert.rejects(
      publishMatterVersion(stranger.client, { matterId, steps: matter.steps, materials: [] }),
      unauthorised(stranger.address),
    );
    await assert.rejects(setMatterActive(stranger.client, { matterId, active: false }), unauthorised(stranger.address));
  });

  it("decodes the catalogue's own errors", async () => {
    const matter = { ...definition(), steps: [{ departmentId: 999_999, timeLimit: 3 }] };
    await assert.rejects(registerMatter(admin, matter), (error: unknown) => {
      assert.ok(error instanceof ContractRevertError);
      assert.equal(error.errorName, "ServiceCatalogUnknownDepartment");
      assert.deepEqual(error.args, [0n, 999_999]);
      return true;
    });
  });

  it("refuses a bad definition before sending anything", async () => {
    const matter = definition();
    await rejectsBeforeSending(
      () => registerMatter(admin, { ...matter, steps: [matter.steps[0]!, { ...matter.steps[1]!, dependsOn: [4] }] }),
      "steps[1].dependsOn[0]",
      /does not exist/,
    );
    await rejectsBeforeSending(
      () =>
        registerMatter(admin, {
          ...matter,
          steps: [
            { ...matter.steps[0]!, dependsOn: [1] },
            { ...matter.steps[1]!, dependsOn: [0] },
          ],
        }),
      "steps[0].dependsOn",
      /cycle \(0 → 1 → 0\)/,
    );
    await rejectsBeforeSending(() => registerMatter(admin, { ...matter, code: "" }), "code", /non-empty/);
  });

  it("refuses district data with an unknown department code before sending anything", async () => {
    const base = h.data.matters![0]!;
    const broken = {
      conditions: h.data.conditions,
      matters: [
        {
          ...base,
          code: uniqueCode("BROKEN"),
          steps: [...base.steps.slice(0, 2), { ...base.steps[2]!, department: "HD-NOWHERE" }, ...base.steps.slice(3)],
        },
      ],
    };
    await rejectsBeforeSending(
      () => loadDistrict(admin, broken, { officersOf: () => [], encryptionKeyOf: () => "0x" }),
      "matters[0].steps[2].department",
      /unknown department code "HD-NOWHERE"/,
    );
    const cyclic = {
      conditions: h.data.conditions,
      matters: [
        {
          ...base,
          code: uniqueCode("CYCLE"),
          steps: [
            { ...base.steps[0]!, dependsOn: [2] },
            { ...base.steps[1]!, dependsOn: [0] },
            { ...base.steps[2]!, dependsOn: [1] },
          ],
        },
      ],
    };
    await rejectsBeforeSending(
      () => loadDistrict(admin, cyclic, { officersOf: () => [], encryptionKeyOf: () => "0x" }),
      "steps[0].dependsOn",
      /cycle/,
    );
  });

  it("loads a district idempotently: a second load finds everything by code", async () => {
    const again = await loadDistrict(admin, h.data, {
      officersOf: () => [],
      encryptionKeyOf: () => "0x",
    });
    assert.equal(again.created, 0);
    assert.equal(again.rules["ZGC-HNTE-INSTANT"], h.rule("ZGC-HNTE-INSTANT"));
    assert.deepEqual(again.departments, h.ids.departments);
    assert.deepEqual(again.matters, h.ids.matters);
  });
});

describe("rules", () => {
  it("deploys the three rule kinds against this deployment", async () => {
    const [holds, notRestricted] = await Promise.all([
      deployHoldsValidLicenceRule(admin, { licenceTypeId: h.typeId("NATIONAL_HNTE_CERTIFICATE") }),
      deployNotRestrictedRule(admin, { listCode: "COURT_DISHONEST_EXECUTOR" }),
    ]);
    const composite = await deployCompositeRule(admin, {
      rules: [holds.address, notRestricted.address],
      mode: "allOf",
    });
    const description = await admin.public.readContract({
      address: composite.address,
      abi: compositeRuleAbi,
      functionName: "describe",
    });
    assert.equal(
      description,
      `all of (holds a valid licence of type ${h.typeId("NATIONAL_HNTE_CERTIFICATE")}; not on restriction list COURT_DISHONEST_EXECUTOR)`,
    );
    await assert.rejects(
      deployCompositeRule(admin, { rules: [], mode: "allOf" }),
      (error: unknown) => error instanceof InvalidParameterError && error.parameter === "rules",
    );
  });
});
