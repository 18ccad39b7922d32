import { isDeepStrictEqual } from "node:util";

import { expect } from "chai";

import { ROLES, selectorsOf } from "../ignition/modules/roles.ts";
import { ServiceCatalog__factory, type IServiceCatalog } from "../types/ethers-contracts/index.ts";
import { Level, ethers, loadFixture, platformWithDepartments, time } from "./helpers/fixture.ts";

/** ERC-1967 implementation slot: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1). */
const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/**
 * ERC-7201 slot of the catalogue's storage. Its `versions` mapping is member 3; a VersionRecord holds
 * its header (slot 0), the step words (slots 1..16) and the material words three per slot (17..38).
 */
const STORAGE_SLOT = 0xc785f51886e314f633e7dfc76ec54f8fd27c8803573265b1aeaa826ec4be2800n;
const VERSIONS_MEMBER = 3n;
const STEP_SLOTS_OFFSET = 1n;
const MATERIAL_SLOTS_OFFSET = 17n;

/** MaterialKind and LinkMode as in contracts/IServiceCatalog.sol. */
const MaterialKind = { Licence: 0, Upload: 1 } as const;
const LinkMode = { Suggest: 0, StartOnConsent: 1 } as const;

/** The fixture's departments; the VR hall's six departments take turns among them. */
const SAMR = 1; // market supervision; stands in for fire safety as well
const HOUSING = 2; // housing and construction; stands in for the environment bureau as well
const COURT = 3; // stands in for the health commission and the culture and tourism bureau

/** Licence types: 1 from the platform fixture, 2 registered by the catalogue fixture. */
const BUSINESS_LICENCE = 1;
const ENTERTAINMENT_PERMIT = 2;

/** Condition flags of an applicant's situation used by the VR hall's materials. */
const UNDERGROUND = 1 << 0;
const BRANCH = 1 << 1;
const RENOVATED = 1 << 2;
const BY_AGENT = 1 << 3;
const FOREIGN_INVESTED = 2 ** 31; // the top bit: the condition field is 32 bits wide

const NO_RULE = ethers.ZeroAddress;

type Step = { departmentId: number; dependsOn: number; timeLimit: number; rule: string };
type Material = {
  kind: number;
  licenceTypeId: number;
  condition: number;
  consentDepartmentId: number;
  consentFieldMask: bigint;
  name: string;
};
type Link = { matterId: number; mode: number };
type VersionInput = {
  steps: Step[];
  materials: Material[];
  outputLicenceTypeId: number;
  outputStep: number;
  visits: number;
  links: Link[];
  baseline: { materials: number; workingDays: number; visits: number };
};

function upload(name: string, condition = 0): Material {
  return { kind: MaterialKind.Upload, licenceTypeId: 0, condition, consentDepartmentId: 0, consentFieldMask: 0n, name };
}

function licence(name: string, licenceTypeId: number, condition = 0, consentDepartmentId = 0, consentFieldMask = 0n) {
  return { kind: MaterialKind.Licence, licenceTypeId, condition, consentDepartmentId, consentFieldMask, name };
}

/**
 * "我要开VR体验馆": market supervision first (5 days, a rule may approve it); then housing (10),
 * health (7), fire safety (12) and environment (8) in parallel after it; culture and tourism last
 * (5), after all of them. Sequentially 5+10+7+12+8+5 = 47 working days; the critical path is
 * market supervision → fire safety → culture and tourism = 5+12+5 = 22.
 */
function vrHallSteps(rule: string): Step[] {
  return [
    { departmentId: SAMR, dependsOn: 0, timeLimit: 5, rule }, // 0 market supervision
    { departmentId: HOUSING, dependsOn: 0b1, timeLimit: 10, rule: NO_RULE }, // 1 housing
    { departmentId: COURT, dependsOn: 0b1, timeLimit: 7, rule: NO_RULE }, // 2 health
    { departmentId: SAMR, dependsOn: 0b1, timeLimit: 12, rule: NO_RULE }, // 3 fire safety
    { departmentId: HOUSING, dependsOn: 0b1, timeLimit: 8, rule: NO_RULE }, // 4 environment
    { departmentId: COURT, dependsOn: 0b11111, timeLimit: 5, rule: NO_RULE }, // 5 culture and tourism
  ];
}
const VR_HALL_SEQUENTIAL_DAYS = 47;
const VR_HALL_CRITICAL_PATH_DAYS = 22;

/** Seven materials (slots 0 and 1 full, slot 2 with one word), four of them conditional. */
const VR_HALL_MATERIALS: Material[] = [
  licence("营业执照", BUSINESS_LICENCE, 0, HOUSING, 0b111n),
  upload("场所平面图"),
  upload("房屋租赁合同"),
  upload("消防设计文件"),
  upload("地下场所消防安全评估报告", UNDERGROUND),
  licence("总公司营业执照", BUSINESS_LICENCE, BRANCH, COURT, 1n << 127n),
  upload("外商投资信息报告", FOREIGN_INVESTED + BY_AGENT),
];

/** Sixteen more uploads: the VR hall with its full list of 23 materials (the gas shape). */
const MORE_MATERIALS: Material[] = [
  upload("设备清单"),
  upload("安全管理制度"),
  upload("突发事件应急预案"),
  upload("从业人员名单"),
  upload("消防安全责任人身份证明"),
  upload("装修施工合同", RENOVATED),
  upload("竣工验收备案表", RENOVATED),
  upload("卫生管理制度"),
  upload("排污登记表"),
  upload("噪声污染防治方案"),
  upload("游戏游艺设备说明书"),
  upload("内容自审制度"),
  upload("未成年人保护措施"),
  upload("场所内外照片"),
  upload("法定代表人身份证明"),
  upload("授权委托书", BY_AGENT),
];

function vrHall(rule: string, links: Link[] = [{ matterId: 1, mode: LinkMode.StartOnConsent }]): VersionInput {
  return {
    steps: vrHallSteps(rule),
    materials: VR_HALL_MATERIALS,
    outputLicenceTypeId: ENTERTAINMENT_PERMIT,
    outputStep: 5,
    visits: 1,
    links,
    baseline: { materials: 52, workingDays: 65, visits: 6 },
  };
}

function vrHall23(rule: string): VersionInput {
  return { ...vrHall(rule), materials: [...VR_HALL_MATERIALS, ...MORE_MATERIALS] };
}

/** A valid two-step version; `overrides` replace single fields. */
function small(overrides: Partial<VersionInput> = {}): VersionInput {
  return {
    steps: [
      { departmentId: SAMR, dependsOn: 0, timeLimit: 3, rule: NO_RULE },
      { departmentId: HOUSING, dependsOn: 0b1, timeLimit: 4, rule: NO_RULE },
    ],
    materials: [licence("营业执照", BUSINESS_LICENCE)],
    outputLicenceTypeId: 0,
    outputStep: 0,
    visits: 0,
    links: [],
    baseline: { materials: 0, workingDays: 0, visits: 0 },
    ...overrides,
  };
}

/** `small()` with `step` of its second step replaced. */
function withSecondStep(step: Partial<Step>): VersionInput {
  const base = small();
  return small({ steps: [base.steps[0]!, { ...base.steps[1]!, ...step }] });
}

/** A chain of `n` one-day steps, each depending on the one before. */
function chain(n: number): Step[] {
  return Array.from({ length: n }, (_, i) => ({
    departmentId: SAMR,
    dependsOn: i === 0 ? 0 : 2 ** (i - 1),
    timeLimit: 1,
    rule: NO_RULE,
  }));
}

const mask = (bits: bigint) => (1n << bits) - 1n;

/** Decodes a step word (departmentId 0..31, dependsOn 32..63, timeLimit 64..79, rule 80..239, output bit 240). */
function decodeStep(word: bigint) {
  return {
    departmentId: Number(word & mask(32n)),
    dependsOn: Number((word >> 32n) & mask(32n)),
    timeLimit: Number((word >> 64n) & mask(16n)),
    rule: ethers.getAddress(ethers.toBeHex((word >> 80n) & mask(160n), 20)),
    isOutput: Number((word >> 240n) & 1n),
    unused: word >> 241n,
  };
}

/** Decodes a material word (kind 0..7, licenceTypeId 8..39, condition 40..71). */
function decodeMaterial(word: bigint) {
  return {
    kind: Number(word & mask(8n)),
    licenceTypeId: Number((word >> 8n) & mask(32n)),
    condition: Number((word >> 40n) & mask(32n)),
    unused: word >> 72n,
  };
}

/** What the engine reads of a step and of a material input. */
const engineSteps = (v: { steps: Step[]; outputLicenceTypeId: number | bigint; outputStep: number | bigint }) =>
  v.steps.map((s, i) => ({
    ...s,
    rule: ethers.getAddress(s.rule),
    isOutput: Number(v.outputLicenceTypeId) !== 0 && i === Number(v.outputStep) ? 1 : 0,
    unused: 0n,
  }));
const engineMaterial = (m: Material) => ({
  kind: m.kind,
  licenceTypeId: m.licenceTypeId,
  condition: m.condition,
  unused: 0n,
});

/** A version as returned by the contract (getVersion or the event's data), as plain values. */
function plain(
  v: Pick<
    IServiceCatalog.MatterVersionStructOutput,
    "steps" | "materials" | "outputLicenceTypeId" | "outputStep" | "visits" | "links" | "baseline"
  >,
): VersionInput {
  return {
    steps: v.steps.map((s) => ({
      departmentId: Number(s.departmentId),
      dependsOn: Number(s.dependsOn),
      timeLimit: Number(s.timeLimit),
      rule: s.rule,
    })),
    materials: v.materials.map((m) => ({
      kind: Number(m.kind),
      licenceTypeId: Number(m.licenceTypeId),
      condition: Number(m.condition),
      consentDepartmentId: Number(m.consentDepartmentId),
      consentFieldMask: m.consentFieldMask,
      name: m.name,
    })),
    outputLicenceTypeId: Number(v.outputLicenceTypeId),
    outputStep: Number(v.outputStep),
    visits: Number(v.visits),
    links: v.links.map((l) => ({ matterId: Number(l.matterId), mode: Number(l.mode) })),
    baseline: {
      materials: Number(v.baseline.materials),
      workingDays: Number(v.baseline.workingDays),
      visits: Number(v.baseline.visits),
    },
  };
}

/** A `withArgs` predicate: the event's VersionInput equals `input`. */
function sameVersion(input: VersionInput) {
  return (data: IServiceCatalog.VersionInputStructOutput) => isDeepStrictEqual(plain(data), input);
}

/** The implementation behind an ERC-1967 proxy. */
async function implementationOf(proxy: { getAddress(): Promise<string> }): Promise<string> {
  const slot = await ethers.provider.getStorage(await proxy.getAddress(), IMPLEMENTATION_SLOT);
  return ethers.getAddress(ethers.dataSlice(slot, 12));
}

/** Storage slot of the record of `version` of `matterId`. */
function versionSlot(matterId: number, version: number): bigint {
  const coder = ethers.AbiCoder.defaultAbiCoder();
  const outer = ethers.keccak256(coder.encode(["uint256", "uint256"], [matterId, STORAGE_SLOT + VERSIONS_MEMBER]));
  return BigInt(ethers.keccak256(coder.encode(["uint256", "bytes32"], [version, outer])));
}

/**
 * The platform with three departments and BUSINESS_LICENCE (platformWithDepartments), plus
 * ENTERTAINMENT_PERMIT (type 2), the catalogue behind an ERC-1967 proxy managed by the same
 * AccessManager (CATALOGUE_EDITOR for its writes, held by the deployer; UPGRADER for upgrades), a
 * rule contract, and matter 1 (a one-step matter the VR hall links to).
 */
async function deployCatalog() {
  const platform = await platformWithDepartments();
  const { accessManager, departments, licenceTypes, deployer } = platform;
  await licenceTypes.registerType("ENTERTAINMENT_PERMIT", "娱乐经营许可证 Entertainment permit", {
    level: Level.District,
    defaultValidity: 0,
    fieldNames: ["holder", "permitNumber", "premises"],
    issuers: [COURT],
  });

  const implementation = await ethers.deployContract("ServiceCatalog");
  const init = implementation.interface.encodeFunctionData("initialize", [
    await accessManager.getAddress(),
    await departments.getAddress(),
    await licenceTypes.getAddress(),
  ]);
  const proxy = await ethers.deployContract("ERC1967Proxy", [await implementation.getAddress(), init]);
  const catalog = ServiceCatalog__factory.connect(await proxy.getAddress(), deployer);
  await accessManager.setTargetFunctionRole(
    catalog,
    selectorsOf("ServiceCatalog", ["registerMatter", "publishVersion", "setMatterActive"]),
    ROLES.CATALOGUE_EDITOR,
  );
  await accessManager.setTargetFunctionRole(
    catalog,
    selectorsOf("ServiceCatalog", ["upgradeToAndCall"]),
    ROLES.UPGRADER,
  );
  await accessManager.grantRole(ROLES.CATALOGUE_EDITOR, deployer.address, 0);

  const rule = await ethers.deployContract("RuleMock", [true]);
  await catalog.registerMatter(
    "HD-STAFF-INSURANCE",
    "员工参保登记",
    small({ steps: [{ departmentId: HOUSING, dependsOn: 0, timeLimit: 5, rule: NO_RULE }] }),
  );
  return { ...platform, catalog, implementation, rule, ruleAddress: await rule.getAddress() };
}

/** The catalogue with the VR hall registered as matter 2 (version 1). */
async function withVrHall() {
  const fixture = await loadFixture(deployCatalog);
  await fixture.catalog.registerMatter("HD-VR-HALL", "我要开VR体验馆", vrHall(fixture.ruleAddress));
  return fixture;
}

describe("ServiceCatalog", function () {
  describe("registerMatter", function () {
    it("registers the VR hall with its version 1 and emits both events", async function () {
      const { catalog, ruleAddress } = await loadFixture(deployCatalog);
      const input = vrHall(ruleAddress);
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);

      expect(await catalog.registerMatter.staticCall("HD-VR-HALL", "我要开VR体验馆", input)).to.equal(2n);
      await expect(catalog.registerMatter("HD-VR-HALL", "我要开VR体验馆", input))
        .to.emit(catalog, "MatterRegistered")
        .withArgs(2, "HD-VR-HALL", "我要开VR体验馆")
        .and.to.emit(catalog, "MatterVersionPublished")
        .withArgs(2, 1, sameVersion(input), at);

      const m = await catalog.getMatter(2);
      expect([m.code, m.name, m.currentVersion, m.active]).to.deep.equal(["HD-VR-HALL", "我要开VR体验馆", 1n, true]);
      const v = await catalog.getVersion(2, 1);
      expect(plain(v)).to.deep.equal(input);
      expect(v.publishedAt).to.equal(at);

      expect(await catalog.matterCount()).to.equal(2);
      expect(await catalog.matterIdByCode("HD-VR-HALL")).to.equal(2);
      expect(await catalog.matterIdByCode("HD-STAFF-INSURANCE")).to.equal(1);
      expect(await catalog.matterIdByCode("HD-NO-SUCH-MATTER")).to.equal(0);
    });

    it("gives the engine the steps and materials packed as documented", async function () {
      const { catalog, ruleAddress } = await loadFixture(withVrHall);
      const input = vrHall(ruleAddress);

      const [version, steps, materials] = await catalog.submissionInfo(2);
      expect(version).to.equal(1n);
      expect(steps.map(decodeStep)).to.deep.equal(engineSteps(input));
      expect(steps.map(decodeStep)[0]!.rule).to.equal(ruleAddress);
      expect(materials.map(decodeMaterial)).to.deep.equal(input.materials.map(engineMaterial));
      // Conditional materials are kept with their full 32-bit condition.
      expect(materials.map((w) => decodeMaterial(w).condition)).to.deep.equal([
        0,
        0,
        0,
        0,
        UNDERGROUND,
        BRANCH,
        FOREIGN_INVESTED + BY_AGENT,
      ]);

      expect(await catalog.stepsOf(2, 1)).to.deep.equal(steps);
      expect(await catalog.materialsOf(2, 1)).to.deep.equal(materials);
      for (let i = 0; i < steps.length; ++i) {
        expect(await catalog.stepOf(2, 1, i)).to.equal(steps[i]);
      }

      const [outputType, outputStep, links] = await catalog.completionOf(2, 1);
      expect([outputType, outputStep]).to.deep.equal([BigInt(ENTERTAINMENT_PERMIT), 5n]);
      expect(links.map((l) => [l.matterId, l.mode])).to.deep.equal([[1n, BigInt(LinkMode.StartOnConsent)]]);
    });

    it("stores one word per step and three material words per slot", async function () {
      const { catalog, ruleAddress } = await loadFixture(withVrHall);
      const input = vrHall(ruleAddress);
      const base = versionSlot(2, 1);
      const read = async (slot: bigint) => BigInt(await ethers.provider.getStorage(await catalog.getAddress(), slot));

      for (let i = 0; i < input.steps.length; ++i) {
        expect(await read(base + STEP_SLOTS_OFFSET + BigInt(i))).to.equal(await catalog.stepOf(2, 1, i));
      }
      expect(await read(base + STEP_SLOTS_OFFSET + BigInt(input.steps.length))).to.equal(0n);

      // Seven materials: slots 0 and 1 hold three words each, slot 2 one word (at offset 0).
      const words: bigint[] = [];
      for (let slot = 0n; slot < 3n; ++slot) {
        const value = await read(base + MATERIAL_SLOTS_OFFSET + slot);
        for (let offset = 0n; offset < 3n; ++offset) words.push((value >> (72n * offset)) & mask(72n));
        expect(value >> 216n, `unused bits of slot ${slot}`).to.equal(0n);
      }
      expect(words.slice(0, 7).map(decodeMaterial)).to.deep.equal(input.materials.map(engineMaterial));
      expect(words.slice(7)).to.deep.equal([0n, 0n]);
      expect(await read(base + MATERIAL_SLOTS_OFFSET + 3n)).to.equal(0n);
    });

    it("accepts the limits: 16 steps, 64 materials, 8 links, 1000 days, 48-byte code, 128-byte names", async function () {
      const { catalog } = await loadFixture(deployCatalog);
      for (let i = 0; i < 7; ++i) {
        await catalog.registerMatter(`HD-LINKED-${i}`, `Linked ${i}`, small());
      }
      const links = Array.from({ length: 8 }, (_, i) => ({ matterId: i + 1, mode: i % 2 }));
      const steps = chain(16).map((s, i) => (i === 15 ? { ...s, timeLimit: 1000 } : s));
      const materials = Array.from({ length: 64 }, (_, i) => upload(i === 63 ? "名".repeat(42) + "ab" : `M${i}`));
      expect(new TextEncoder().encode(materials[63]!.name).length).to.equal(128);
      const input = small({ steps, materials, links, outputStep: 15 });

      await expect(catalog.registerMatter("C".repeat(48), "N".repeat(128), input))
        .to.emit(catalog, "MatterVersionPublished")
        .withArgs(9, 1, sameVersion(input), (at: bigint) => at > 0n);
      expect(plain(await catalog.getVersion(9, 1))).to.deep.equal(input);
      const [, stepWords, materialWords] = await catalog.submissionInfo(9);
      expect(stepWords.map(decodeStep)).to.deep.equal(engineSteps(input));
      expect(materialWords.map(decodeMaterial)).to.deep.equal(materials.map(engineMaterial));
      expect(await catalog.durations(9, 1)).to.deep.equal([15n + 1000n, 15n + 1000n]);
    });
  });

  describe("durations", function () {
    it("gives the critical path (22 days) and the sequential total (47 days) of the VR hall", async function () {
      const { catalog } = await loadFixture(withVrHall);
      const [critical, sequential] = await catalog.durations(2, 1);
      expect(critical).to.equal(BigInt(VR_HALL_CRITICAL_PATH_DAYS));
      expect(sequential).to.equal(BigInt(VR_HALL_SEQUENTIAL_DAYS));
    });

    it("follows the longest chain, not the last step's predecessors", async function () {
      const { catalog } = await loadFixture(deployCatalog);
      // 0 (2) → 1 (30); 0 → 2 (5) → 3 (5); 4 (9) depends on 3 only: 2+5+5+9 = 21 < 2+30 = 32.
      const steps = [
        { departmentId: SAMR, dependsOn: 0, timeLimit: 2, rule: NO_RULE },
        { departmentId: HOUSING, dependsOn: 0b1, timeLimit: 30, rule: NO_RULE },
        { departmentId: COURT, dependsOn: 0b1, timeLimit: 5, rule: NO_RULE },
        { departmentId: SAMR, dependsOn: 0b100, timeLimit: 5, rule: NO_RULE },
        { departmentId: HOUSING, dependsOn: 0b1000, timeLimit: 9, rule: NO_RULE },
      ];
      await catalog.registerMatter("HD-DAG", "DAG", small({ steps }));
      expect(await catalog.durations(2, 1)).to.deep.equal([32n, 51n]);
      // Independent steps run side by side: the critical path is the longest one.
      await catalog.publishVersion(2, small({ steps: steps.map((s) => ({ ...s, dependsOn: 0 })) }));
      expect(await catalog.durations(2, 2)).to.deep.equal([30n, 51n]);
      expect(await catalog.durations(1, 1)).to.deep.equal([5n, 5n]);
    });
  });

  describe("publishVersion", function () {
    it("publishes version 2 and keeps version 1 readable", async function () {
      const { catalog, ruleAddress } = await loadFixture(withVrHall);
      const next = small({
        steps: [
          { departmentId: SAMR, dependsOn: 0, timeLimit: 3, rule: ruleAddress },
          { departmentId: COURT, dependsOn: 0b1, timeLimit: 4, rule: NO_RULE },
        ],
        materials: [licence("营业执照", BUSINESS_LICENCE), upload("承诺书")],
        outputLicenceTypeId: ENTERTAINMENT_PERMIT,
        outputStep: 1,
        visits: 0,
        links: [{ matterId: 1, mode: LinkMode.Suggest }],
        baseline: { materials: 52, workingDays: 65, visits: 6 },
      });
      const at = (await time.latest()) + 100;
      await time.setNextBlockTimestamp(at);

      expect(await catalog.publishVersion.staticCall(2, next)).to.equal(2n);
      await expect(catalog.publishVersion(2, next))
        .to.emit(catalog, "MatterVersionPublished")
        .withArgs(2, 2, sameVersion(next), at);

      expect((await catalog.getMatter(2)).currentVersion).to.equal(2n);
      expect(plain(await catalog.getVersion(2, 2))).to.deep.equal(next);
      expect((await catalog.getVersion(2, 2)).publishedAt).to.equal(at);
      const [version, steps, materials] = await catalog.submissionInfo(2);
      expect(version).to.equal(2n);
      expect(steps.map(decodeStep)).to.deep.equal(engineSteps(next));
      expect(materials.map(decodeMaterial)).to.deep.equal(next.materials.map(engineMaterial));
      expect(await catalog.durations(2, 2)).to.deep.equal([7n, 7n]);
      const [outputType, outputStep, links] = await catalog.completionOf(2, 2);
      expect([outputType, outputStep]).to.deep.equal([BigInt(ENTERTAINMENT_PERMIT), 1n]);
      expect(links.map((l) => [l.matterId, l.mode])).to.deep.equal([[1n, BigInt(LinkMode.Suggest)]]);

      // Version 1 is unchanged, for the applications bound to it.
      expect(plain(await catalog.getVersion(2, 1))).to.deep.equal(vrHall(ruleAddress));
      expect((await catalog.stepsOf(2, 1)).map(decodeStep)).to.deep.equal(engineSteps(vrHall(ruleAddress)));
      expect((await catalog.materialsOf(2, 1)).map(decodeMaterial)).to.deep.equal(
        VR_HALL_MATERIALS.map(engineMaterial),
      );
      expect(await catalog.durations(2, 1)).to.deep.equal([
        BigInt(VR_HALL_CRITICAL_PATH_DAYS),
        BigInt(VR_HALL_SEQUENTIAL_DAYS),
      ]);
      expect((await catalog.completionOf(2, 1)).outputStep).to.equal(5n);
    });

    it("may link to a matter registered after this one", async function () {
      const { catalog } = await loadFixture(withVrHall);
      await catalog.registerMatter("HD-LATER", "Later", small());
      const next = small({ links: [{ matterId: 3, mode: LinkMode.Suggest }] });
      await expect(catalog.publishVersion(1, next)).to.emit(catalog, "MatterVersionPublished");
    });

    it("reverts when the matter is unknown", async function () {
      const { catalog } = await loadFixture(withVrHall);
      for (const id of [0, 3]) {
        await expect(catalog.publishVersion(id, small()))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownMatter")
          .withArgs(id);
      }
    });

    it("reverts when the input is invalid", async function () {
      const { catalog } = await loadFixture(withVrHall);
      await expect(catalog.publishVersion(2, small({ steps: [] })))
        .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidStepCount")
        .withArgs(0);
      await expect(catalog.publishVersion(2, small({ materials: [upload("x", 0), licence("y", 9)] })))
        .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidMaterial")
        .withArgs(1);
    });
  });

  describe("setMatterActive", function () {
    it("closes a matter to new applications and reopens it", async function () {
      const { catalog, ruleAddress } = await loadFixture(withVrHall);
      await expect(catalog.setMatterActive(2, false)).to.emit(catalog, "MatterActiveChanged").withArgs(2, false);
      expect((await catalog.getMatter(2)).active).to.equal(false);
      expect(await catalog.submissionInfo(2)).to.deep.equal([0n, [], []]);
      // Its versions stay readable (for the applications already bound to them).
      expect((await catalog.stepsOf(2, 1)).length).to.equal(6);
      expect(plain(await catalog.getVersion(2, 1))).to.deep.equal(vrHall(ruleAddress));
      // A version may be published while closed; the matter reopens with it.
      await catalog.publishVersion(2, small());
      expect(await catalog.submissionInfo(2)).to.deep.equal([0n, [], []]);

      await expect(catalog.setMatterActive(2, true)).to.emit(catalog, "MatterActiveChanged").withArgs(2, true);
      const [version, steps] = await catalog.submissionInfo(2);
      expect(version).to.equal(2n);
      expect(steps.length).to.equal(2);
    });

    it("reverts when the matter is already in that state", async function () {
      const { catalog } = await loadFixture(withVrHall);
      await expect(catalog.setMatterActive(2, true))
        .to.be.revertedWithCustomError(catalog, "ServiceCatalogActiveUnchanged")
        .withArgs(2, true);
      await catalog.setMatterActive(2, false);
      await expect(catalog.setMatterActive(2, false))
        .to.be.revertedWithCustomError(catalog, "ServiceCatalogActiveUnchanged")
        .withArgs(2, false);
    });

    it("reverts when the matter is unknown", async function () {
      const { catalog } = await loadFixture(withVrHall);
      for (const id of [0, 3]) {
        await expect(catalog.setMatterActive(id, false))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownMatter")
          .withArgs(id);
      }
    });
  });

  describe("reads of unknown matters and versions", function () {
    it("submissionInfo gives version 0 and no words, never a revert", async function () {
      const { catalog } = await loadFixture(withVrHall);
      for (const id of [0, 3, 2 ** 32 - 1]) {
        expect(await catalog.submissionInfo(id)).to.deep.equal([0n, [], []]);
      }
    });

    it("getMatter reverts when the matter is unknown", async function () {
      const { catalog } = await loadFixture(withVrHall);
      for (const id of [0, 3]) {
        await expect(catalog.getMatter(id))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownMatter")
          .withArgs(id);
      }
    });

    it("the version reads revert when the matter or the version is unknown", async function () {
      const { catalog } = await loadFixture(withVrHall);
      const reads = {
        getVersion: (m: number, v: number) => catalog.getVersion(m, v),
        stepsOf: (m: number, v: number) => catalog.stepsOf(m, v),
        materialsOf: (m: number, v: number) => catalog.materialsOf(m, v),
        completionOf: (m: number, v: number) => catalog.completionOf(m, v),
        durations: (m: number, v: number) => catalog.durations(m, v),
      };
      for (const [name, read] of Object.entries(reads)) {
        for (const id of [0, 3]) {
          await expect(read(id, 1), name)
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownMatter")
            .withArgs(id);
        }
        for (const v of [0, 2, 2 ** 16 - 1]) {
          await expect(read(2, v), name)
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownVersion")
            .withArgs(2, v);
        }
      }
    });

    it("stepOf gives 0 for a step, version or matter that does not exist", async function () {
      const { catalog } = await loadFixture(withVrHall);
      expect(await catalog.stepOf(2, 1, 5)).not.to.equal(0n);
      for (const [m, v, s] of [
        [2, 1, 6],
        [2, 1, 16],
        [2, 1, 255],
        [2, 2, 0],
        [2, 0, 0],
        [3, 1, 0],
        [0, 1, 0],
      ] as const) {
        expect(await catalog.stepOf(m, v, s), `${m}/${v}/${s}`).to.equal(0n);
      }
    });
  });

  describe("validation", function () {
    describe("code and name", function () {
      it("reverts when the code is empty, longer than 48 bytes or taken", async function () {
        const { catalog } = await loadFixture(withVrHall);
        for (const code of ["", "C".repeat(49), "HD-VR-HALL", "HD-STAFF-INSURANCE"]) {
          await expect(catalog.registerMatter(code, "Name", small()))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidCode")
            .withArgs(code);
        }
      });

      it("reverts when the name is empty or longer than 128 bytes", async function () {
        const { catalog } = await loadFixture(withVrHall);
        for (const name of ["", "N".repeat(129), "名".repeat(43)]) {
          await expect(catalog.registerMatter("HD-NEW", name, small())).to.be.revertedWithCustomError(
            catalog,
            "ServiceCatalogInvalidName",
          );
        }
      });
    });

    describe("steps", function () {
      it("reverts when there are no steps or more than 16", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        for (const n of [0, 17]) {
          await expect(catalog.registerMatter("HD-NEW", "Name", small({ steps: chain(n) })))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidStepCount")
            .withArgs(n);
        }
      });

      it("reverts when a step names an unknown department", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        for (const id of [0, 4, 2 ** 32 - 1]) {
          await expect(catalog.registerMatter("HD-NEW", "Name", withSecondStep({ departmentId: id })))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownDepartment")
            .withArgs(1, id);
        }
      });

      it("reverts when a step names an inactive department", async function () {
        const { catalog, departments } = await loadFixture(deployCatalog);
        await departments.setDepartmentActive(HOUSING, false);
        await expect(catalog.registerMatter("HD-NEW", "Name", small()))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownDepartment")
          .withArgs(1, HOUSING);
        await expect(catalog.publishVersion(1, small()))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogUnknownDepartment")
          .withArgs(1, HOUSING);
      });

      it("reverts when a step depends on itself or a later step", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        const cases: [number, number][] = [
          [0, 0b1], // step 0 on itself
          [0, 0b10], // step 0 on step 1
          [1, 0b10], // step 1 on itself
          [1, 0b11], // on step 0 and itself
          [1, 0b100], // on step 2 (there are only two)
          [1, 2 ** 31], // on step 31
        ];
        for (const [step, dependsOn] of cases) {
          const steps = small().steps.map((s, i) => (i === step ? { ...s, dependsOn } : s));
          await expect(catalog.registerMatter("HD-NEW", "Name", small({ steps })))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidDependency")
            .withArgs(step, dependsOn);
        }
        // Step 15 may depend on every earlier step, not on itself.
        const full = chain(16).map((s, i) => (i === 15 ? { ...s, dependsOn: 0x7fff } : s));
        await expect(catalog.registerMatter.staticCall("HD-NEW", "Name", small({ steps: full }))).not.to.revert(ethers);
        full[15] = { ...full[15]!, dependsOn: 0xffff };
        await expect(catalog.registerMatter("HD-NEW", "Name", small({ steps: full })))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidDependency")
          .withArgs(15, 0xffff);
      });

      it("reverts when a time limit is 0 or more than 1000 working days", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        for (const timeLimit of [0, 1001, 2 ** 16 - 1]) {
          await expect(catalog.registerMatter("HD-NEW", "Name", withSecondStep({ timeLimit })))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidTimeLimit")
            .withArgs(1, timeLimit);
        }
      });

      it("reverts when a rule is not a contract", async function () {
        const { catalog, outsider } = await loadFixture(deployCatalog);
        for (const rule of [outsider.address, "0x000000000000000000000000000000000000dEaD"]) {
          await expect(catalog.registerMatter("HD-NEW", "Name", withSecondStep({ rule })))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidRule")
            .withArgs(1, rule);
        }
      });
    });

    describe("materials", function () {
      it("reverts when there are more than 64 materials", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        const materials = Array.from({ length: 65 }, (_, i) => upload(`M${i}`));
        await expect(catalog.registerMatter("HD-NEW", "Name", small({ materials })))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidMaterialCount")
          .withArgs(65);
      });

      it("reverts when a material is malformed", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        const bad: Record<string, Material> = {
          "licence without a type": licence("营业执照", 0),
          "licence of an unknown type": licence("营业执照", 3),
          "upload with a type": { ...upload("平面图"), licenceTypeId: BUSINESS_LICENCE },
          "field mask without a department": licence("营业执照", BUSINESS_LICENCE, 0, 0, 0b1n),
          "unknown consent department": licence("营业执照", BUSINESS_LICENCE, 0, 4, 0b1n),
          "consent department on an upload": { ...upload("平面图"), consentDepartmentId: HOUSING },
          "consent department and mask on an upload": {
            ...upload("平面图"),
            consentDepartmentId: HOUSING,
            consentFieldMask: 0b1n,
          },
          "empty name": upload(""),
          "name longer than 128 bytes": upload("材".repeat(43)),
        };
        for (const [problem, material] of Object.entries(bad)) {
          const materials = [upload("场所平面图"), licence("营业执照", BUSINESS_LICENCE), material];
          await expect(catalog.registerMatter("HD-NEW", "Name", small({ materials })), problem)
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidMaterial")
            .withArgs(2);
        }
      });

      it("accepts a consent department without a field mask, and no materials at all", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        const materials = [licence("营业执照", BUSINESS_LICENCE, 0, COURT, 0n)];
        await expect(catalog.registerMatter("HD-NEW", "Name", small({ materials }))).not.to.revert(ethers);
        await expect(catalog.registerMatter("HD-NONE", "Name", small({ materials: [] }))).not.to.revert(ethers);
        expect(await catalog.materialsOf(3, 1)).to.deep.equal([]);
      });
    });

    describe("output", function () {
      it("reverts when the output type is unknown or the output step out of range", async function () {
        const { catalog } = await loadFixture(deployCatalog);
        const cases: [number, number][] = [
          [3, 0], // unknown type
          [2 ** 32 - 1, 1],
          [ENTERTAINMENT_PERMIT, 2], // two steps: 0 and 1
          [0, 2], // also without an output licence
          [ENTERTAINMENT_PERMIT, 255],
        ];
        for (const [outputLicenceTypeId, outputStep] of cases) {
          await expect(catalog.registerMatter("HD-NEW", "Name", small({ outputLicenceTypeId, outputStep })))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidOutput")
            .withArgs(outputLicenceTypeId, outputStep);
        }
      });

      it("reverts when the output step's department may not issue the output type", async function () {
        const { catalog } = await loadFixture(withVrHall);
        // The entertainment permit's only issuer is the court; steps 0 and 1 are SAMR's and housing's.
        for (const outputStep of [0, 1]) {
          const input = small({ outputLicenceTypeId: ENTERTAINMENT_PERMIT, outputStep });
          const department = input.steps[outputStep]!.departmentId;
          await expect(catalog.registerMatter("HD-NEW", "Name", input))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogOutputIssuerNotAuthorised")
            .withArgs(ENTERTAINMENT_PERMIT, outputStep, department);
          await expect(catalog.publishVersion(2, input))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogOutputIssuerNotAuthorised")
            .withArgs(ENTERTAINMENT_PERMIT, outputStep, department);
        }
        expect(await catalog.matterCount()).to.equal(2n);
        expect((await catalog.getMatter(2)).currentVersion).to.equal(1n);
        // The court may: the same matter with its output step the court's is accepted.
        const steps = small().steps.map((s, i) => (i === 1 ? { ...s, departmentId: COURT } : s));
        const allowed = small({ steps, outputLicenceTypeId: ENTERTAINMENT_PERMIT, outputStep: 1 });
        await expect(catalog.registerMatter("HD-NEW", "Name", allowed)).to.emit(catalog, "MatterRegistered");
      });
    });

    describe("links", function () {
      it("reverts when a link names an unknown matter", async function () {
        const { catalog } = await loadFixture(withVrHall);
        for (const matterId of [0, 4, 2 ** 32 - 1]) {
          const links = [
            { matterId: 1, mode: LinkMode.Suggest },
            { matterId, mode: LinkMode.StartOnConsent },
          ];
          await expect(catalog.registerMatter("HD-NEW", "Name", small({ links })))
            .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidLink")
            .withArgs(1, matterId);
        }
      });

      it("reverts when a link names the matter itself", async function () {
        const { catalog } = await loadFixture(withVrHall);
        // registerMatter: the id the new matter would get (3).
        await expect(catalog.registerMatter("HD-NEW", "Name", small({ links: [{ matterId: 3, mode: 0 }] })))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidLink")
          .withArgs(0, 3);
        await expect(catalog.publishVersion(2, small({ links: [{ matterId: 2, mode: 0 }] })))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidLink")
          .withArgs(0, 2);
      });

      it("reverts when a link is repeated", async function () {
        const { catalog } = await loadFixture(withVrHall);
        const links = [
          { matterId: 1, mode: LinkMode.Suggest },
          { matterId: 2, mode: LinkMode.Suggest },
          { matterId: 1, mode: LinkMode.StartOnConsent },
        ];
        await expect(catalog.registerMatter("HD-NEW", "Name", small({ links })))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidLink")
          .withArgs(2, 1);
      });

      it("reverts when there are more than 8 links (link 8 is the invalid one)", async function () {
        const { catalog } = await loadFixture(withVrHall);
        const links = Array.from({ length: 9 }, (_, i) => ({ matterId: 100 + i, mode: LinkMode.Suggest }));
        await expect(catalog.registerMatter("HD-NEW", "Name", small({ links })))
          .to.be.revertedWithCustomError(catalog, "ServiceCatalogInvalidLink")
          .withArgs(8, 108);
      });
    });
  });

  describe("access", function () {
    it("reverts when an account without CATALOGUE_EDITOR calls a restricted function", async function () {
      const { catalog, accessManager, outsider, other } = await loadFixture(withVrHall);
      await accessManager.grantRole(ROLES.REGISTRAR, other.address, 0); // a registrar is no editor
      for (const caller of [outsider, other]) {
        const asCaller = catalog.connect(caller);
        const calls = {
          registerMatter: () => asCaller.registerMatter("HD-NEW", "Name", small()),
          publishVersion: () => asCaller.publishVersion(2, small()),
          setMatterActive: () => asCaller.setMatterActive(2, false),
        };
        for (const [name, call] of Object.entries(calls)) {
          await expect(call(), name)
            .to.be.revertedWithCustomError(catalog, "AccessManagedUnauthorized")
            .withArgs(caller.address);
        }
      }
    });

    it("lets a second catalogue editor register matters", async function () {
      const { catalog, accessManager, other } = await loadFixture(withVrHall);
      await accessManager.grantRole(ROLES.CATALOGUE_EDITOR, other.address, 0);
      await expect(catalog.connect(other).registerMatter("HD-NEW", "Name", small()))
        .to.emit(catalog, "MatterRegistered")
        .withArgs(3, "HD-NEW", "Name");
    });
  });

  describe("upgradeToAndCall", function () {
    it("reverts when an account without UPGRADER upgrades", async function () {
      const { catalog, accessManager, outsider, other } = await loadFixture(withVrHall);
      await accessManager.grantRole(ROLES.CATALOGUE_EDITOR, other.address, 0);
      const implementation = await implementationOf(catalog);
      for (const caller of [outsider, other /* CATALOGUE_EDITOR only */]) {
        await expect(catalog.connect(caller).upgradeToAndCall(implementation, "0x"))
          .to.be.revertedWithCustomError(catalog, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("keeps the catalogue when the UPGRADER upgrades", async function () {
      const { catalog, ruleAddress } = await loadFixture(withVrHall);
      const next = await ethers.deployContract("ServiceCatalog");
      await catalog.upgradeToAndCall(await next.getAddress(), "0x");
      expect(await implementationOf(catalog)).to.equal(await next.getAddress());
      expect(plain(await catalog.getVersion(2, 1))).to.deep.equal(vrHall(ruleAddress));
      expect(await catalog.matterIdByCode("HD-VR-HALL")).to.equal(2);
    });
  });

  describe("initialize", function () {
    it("reverts when the proxy or the implementation is initialised again", async function () {
      const { catalog, accessManager, departments, licenceTypes, outsider } = await loadFixture(deployCatalog);
      const args = [
        await accessManager.getAddress(),
        await departments.getAddress(),
        await licenceTypes.getAddress(),
      ] as const;
      await expect(catalog.initialize(...args)).to.be.revertedWithCustomError(catalog, "InvalidInitialization");
      const implementation = ServiceCatalog__factory.connect(await implementationOf(catalog), outsider);
      await expect(implementation.initialize(...args)).to.be.revertedWithCustomError(catalog, "InvalidInitialization");
    });

    it("reverts when an address is zero", async function () {
      const { catalog, accessManager, departments, licenceTypes } = await loadFixture(deployCatalog);
      const implementation = await implementationOf(catalog);
      const valid = [await accessManager.getAddress(), await departments.getAddress(), await licenceTypes.getAddress()];
      for (let i = 0; i < valid.length; ++i) {
        const [authority, departmentRegistry, licenceTypeRegistry] = valid.map((a, j) =>
          i === j ? ethers.ZeroAddress : a,
        );
        const init = catalog.interface.encodeFunctionData("initialize", [
          authority!,
          departmentRegistry!,
          licenceTypeRegistry!,
        ]);
        await expect(ethers.deployContract("ERC1967Proxy", [implementation, init])).to.be.revertedWithCustomError(
          catalog,
          "ZeroAddress",
        );
      }
    });
  });

  describe("gas", function () {
    it("registers the 23-material VR hall and serves submissionInfo within budget", async function () {
      const { catalog, ruleAddress } = await loadFixture(deployCatalog);
      const input = vrHall23(ruleAddress);
      expect(input.steps.length).to.equal(6);
      expect(input.materials.length).to.equal(23);
      const receipt = await (await catalog.registerMatter("HD-VR-HALL", "我要开VR体验馆", input)).wait();
      const [version, steps, materials] = await catalog.submissionInfo(2);
      expect([version, steps.length, materials.length]).to.deep.equal([1n, 6, 23]);
      expect(materials.map(decodeMaterial)).to.deep.equal(input.materials.map(engineMaterial));
      const viewGas = await catalog.submissionInfo.estimateGas(2);

      // Measured with the unoptimised test build: 1,518,081 and 87,783 (21,000 of it intrinsic);
      // the production build: 1,410,358 and 73,531. Most of the registration is storage: 23 material
      // names (~600k), 8 material slots, 6 step words and the header (~330k).
      expect(receipt!.gasUsed).to.be.below(1_600_000n);
      expect(viewGas).to.be.below(95_000n);
    });
  });
});
