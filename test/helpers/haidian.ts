/**
 * A small Haidian district for the approval engine's tests: the departments, licence types,
 * rules and service matters of the article scenarios (VR experience hall, Zhongguancun high-tech
 * enterprise certification, real-estate transfer with electricity account transfer), the 2026
 * working calendar, and licences held by the demo applicants, all built with the SDK.
 */
import {
  buildLicence,
  conditionsCommitment,
  heldLicence,
  LinkMode,
  MaterialKind,
  type LicenceFile,
} from "@onewindow/sdk";
import type { HDNodeWallet } from "ethers";
import type { Hex } from "viem";

import { CALENDAR_FILES, loadCalendarYear } from "../../scripts/calendar.ts";
import type { IServiceCatalog } from "../../types/ethers-contracts/index.ts";
import { DepartmentKind, deployPlatform, encryptionKey, ethers, Level, networkHelpers } from "./fixture.ts";

/** Condition flags of an application. */
export const Condition = { PremisesUnderground: 1, HandledByAgent: 2 } as const;

/** The court's dishonest-executor list (失信被执行人名单). */
export const DISHONEST_LIST = "COURT_DISHONEST_EXECUTOR";

const DEPARTMENTS = [
  { code: "HD-SAMR", name: "海淀区市场监督管理局", officers: 3, threshold: 2 },
  { code: "HD-HOUSING", name: "海淀区住房和城乡建设委员会", officers: 1, threshold: 1 },
  { code: "HD-HEALTH", name: "海淀区卫生健康委员会", officers: 1, threshold: 1 },
  { code: "HD-FIRE", name: "海淀区消防救援支队", officers: 1, threshold: 1 },
  { code: "HD-ECOLOGY", name: "北京市生态环境局海淀分局", officers: 1, threshold: 1 },
  { code: "HD-CULTURE", name: "海淀区文化和旅游局", officers: 5, threshold: 3 },
  { code: "HD-ZGC", name: "中关村科技园区海淀园管理委员会", officers: 1, threshold: 1 },
  { code: "HD-COURT", name: "海淀区人民法院", officers: 1, threshold: 1 },
  { code: "BJ-PLANNING", name: "北京市规划和自然资源委员会海淀分局（不动产登记）", officers: 1, threshold: 1 },
  { code: "SGCC-HD", name: "国网北京海淀供电公司", officers: 1, threshold: 1, kind: DepartmentKind.PublicService },
  { code: "BJ-HNTE", name: "北京市高新技术企业认定管理工作领导小组办公室", officers: 1, threshold: 1 },
] as const;

/** Department ids (registration order). */
export const Dept = {
  SAMR: 1,
  HOUSING: 2,
  HEALTH: 3,
  FIRE: 4,
  ECOLOGY: 5,
  CULTURE: 6,
  ZGC: 7,
  COURT: 8,
  PLANNING: 9,
  SGCC: 10,
  HNTE: 11,
} as const;

const TYPES = [
  {
    code: "BUSINESS_LICENCE",
    name: "营业执照",
    issuer: Dept.SAMR,
    fields: ["holder", "creditCode", "name", "legalRepresentative", "address"],
  },
  {
    code: "REAL_ESTATE_CERTIFICATE",
    name: "不动产权证书",
    issuer: Dept.PLANNING,
    fields: ["holder", "number", "owner", "address", "area"],
  },
  {
    code: "NATIONAL_HNTE_CERTIFICATE",
    name: "国家高新技术企业证书",
    issuer: Dept.HNTE,
    fields: ["holder", "number", "name", "validUntil"],
  },
  {
    code: "ZGC_HNTE_CERTIFICATE",
    name: "中关村高新技术企业证书",
    issuer: Dept.ZGC,
    fields: ["holder", "number", "name"],
  },
  {
    code: "ENTERTAINMENT_LICENCE",
    name: "娱乐经营许可证",
    issuer: Dept.CULTURE,
    fields: ["holder", "number", "name", "address"],
  },
  { code: "PATENT_CERTIFICATE", name: "专利证书", issuer: Dept.ZGC, fields: ["holder", "number", "title"] },
  {
    code: "FIRE_SAFETY_PERMIT",
    name: "消防安全检查合格证",
    issuer: Dept.FIRE,
    fields: ["holder", "number", "address"],
  },
] as const;

/** Licence type ids (registration order). */
export const LicenceType = {
  BUSINESS: 1,
  REAL_ESTATE: 2,
  NATIONAL_HNTE: 3,
  ZGC_HNTE: 4,
  ENTERTAINMENT: 5,
  PATENT: 6,
  FIRE_SAFETY: 7,
} as const;

const fieldsOf = (typeId: number) => TYPES[typeId - 1]!.fields as readonly string[];

type MatterInput = IServiceCatalog.VersionInputStruct;

const step = (departmentId: number, dependsOn: number[], timeLimit: number, rule = ethers.ZeroAddress) => ({
  departmentId,
  dependsOn: dependsOn.reduce((mask, i) => mask | (1 << i), 0),
  timeLimit,
  rule,
});
export const licenceMaterial = (licenceTypeId: number, name: string, condition = 0) => ({
  kind: MaterialKind.Licence,
  licenceTypeId,
  condition,
  consentDepartmentId: 0,
  consentFieldMask: 0n,
  name,
});
const upload = (name: string, condition = 0) => ({
  kind: MaterialKind.Upload,
  licenceTypeId: 0,
  condition,
  consentDepartmentId: 0,
  consentFieldMask: 0n,
  name,
});

/**
 * I want to open a VR experience hall (我要开VR体验馆): six departments; the re-engineered flow runs
 * housing, health and ecology in parallel after market supervision, fire after housing, and culture
 * and tourism last. Sequential 3+8+12+6+9+9 = 47 working days; critical path
 * market supervision → housing → fire → culture = 3+8+6+9 = 26. 23 materials (2 from the chain),
 * before the reform 41. (Step time limits are illustrative; the totals are the article's.)
 */
export function vrHallMatter(): MatterInput {
  const uploads = Array.from({ length: 20 }, (_, i) => upload(`VR体验馆申请材料 ${i + 1}`));
  return {
    steps: [
      step(Dept.SAMR, [], 3), // 0 business registration
      step(Dept.HOUSING, [0], 8), // 1 construction / completion filing
      step(Dept.HEALTH, [0], 12), // 2 public-place hygiene licence
      step(Dept.FIRE, [1], 6), // 3 fire safety inspection
      step(Dept.ECOLOGY, [0], 9), // 4 environmental impact filing
      step(Dept.CULTURE, [1, 2, 3, 4], 9), // 5 entertainment business licence (output)
    ],
    materials: [
      licenceMaterial(LicenceType.BUSINESS, "营业执照"),
      licenceMaterial(LicenceType.REAL_ESTATE, "经营场所不动产权证书"),
      ...uploads,
      upload("授权委托书（代办）", Condition.HandledByAgent),
    ],
    outputLicenceTypeId: LicenceType.ENTERTAINMENT,
    outputStep: 5,
    visits: 1,
    links: [],
    baseline: { materials: 41, workingDays: 47, visits: 6 },
  };
}

/** A signer with ether, from a fresh random key (officers and applicants). */
async function fundedWallet(): Promise<HDNodeWallet> {
  const wallet = ethers.Wallet.createRandom().connect(ethers.provider);
  await networkHelpers.setBalance(wallet.address, ethers.parseEther("10"));
  return wallet;
}

/** Issues a licence of `typeId` to `holder`, built with the SDK, by the type's issuing department. */
export type Issued = { licenceId: Hex; file: LicenceFile };

export async function haidianPlatform() {
  const platform = await deployPlatform();
  const { departments, licenceTypes, licences, restrictions, calendar, catalog } = platform;

  // Calendar: the 2026 and 2027 schedules shipped in scripts/data/calendar.
  for (const file of CALENDAR_FILES) {
    const year = loadCalendarYear(file);
    await calendar.setYear(year.year, year.holidays, year.makeupWorkdays, year.source);
  }

  const officers: HDNodeWallet[][] = [];
  for (const [i, d] of DEPARTMENTS.entries()) {
    const wallets = await Promise.all(Array.from({ length: d.officers }, fundedWallet));
    // The engine checks signers in ascending address order: keep each department's list sorted.
    wallets.sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
    officers.push(wallets);
    await departments.registerDepartment(
      {
        code: d.code,
        name: d.name,
        level: Level.District,
        kind: "kind" in d ? d.kind : DepartmentKind.Government,
        encryptionKey: encryptionKey(i + 1),
      },
      wallets.map((w) => w.address),
      d.threshold,
    );
  }
  const officer = (departmentId: number, index = 0) => officers[departmentId - 1]![index]!;

  for (const t of TYPES) {
    await licenceTypes.registerType(t.code, t.name, {
      level: Level.Municipal,
      defaultValidity: 0,
      fieldNames: [...t.fields],
      issuers: [t.issuer],
    });
  }
  await restrictions.setLister(Dept.COURT, true);

  // Rules.
  const holdsHnte = await ethers.deployContract("HoldsValidLicenceRule", [
    await licences.getAddress(),
    LicenceType.NATIONAL_HNTE,
  ]);
  const notDishonest = await ethers.deployContract("NotRestrictedRule", [
    await restrictions.getAddress(),
    DISHONEST_LIST,
  ]);
  const zgcRule = await ethers.deployContract("CompositeRule", [
    [await holdsHnte.getAddress(), await notDishonest.getAddress()],
    true,
  ]);

  // Matters.
  await catalog.registerMatter("HD-VR-HALL", "我要开VR体验馆", vrHallMatter());
  await catalog.registerMatter("HD-ZGC-HNTE", "中关村高新技术企业认定", {
    steps: [step(Dept.ZGC, [], 15, await zgcRule.getAddress())],
    materials: [
      licenceMaterial(LicenceType.NATIONAL_HNTE, "国家高新技术企业证书"),
      licenceMaterial(LicenceType.BUSINESS, "营业执照"),
    ],
    outputLicenceTypeId: LicenceType.ZGC_HNTE,
    outputStep: 0,
    visits: 0,
    links: [],
    baseline: { materials: 5, workingDays: 15, visits: 1 },
  });
  await catalog.registerMatter("SGCC-POWER-TRANSFER", "电力过户", {
    steps: [step(Dept.SGCC, [], 5)],
    materials: [licenceMaterial(LicenceType.REAL_ESTATE, "不动产权证书")],
    outputLicenceTypeId: 0,
    outputStep: 0,
    visits: 0,
    links: [],
    baseline: { materials: 3, workingDays: 5, visits: 1 },
  });
  await catalog.registerMatter("BJ-REAL-ESTATE-TRANSFER", "不动产转移登记", {
    steps: [step(Dept.PLANNING, [], 5)],
    materials: [upload("不动产买卖合同")],
    outputLicenceTypeId: LicenceType.REAL_ESTATE,
    outputStep: 0,
    visits: 1,
    links: [{ matterId: 3, mode: LinkMode.StartOnConsent }],
    baseline: { materials: 6, workingDays: 5, visits: 2 },
  });
  await catalog.registerMatter("HD-FIVE-LICENCES", "五证联审（演示）", {
    steps: [step(Dept.ZGC, [], 10), step(Dept.SAMR, [], 10)],
    materials: [
      licenceMaterial(LicenceType.BUSINESS, "营业执照"),
      licenceMaterial(LicenceType.REAL_ESTATE, "不动产权证书"),
      licenceMaterial(LicenceType.NATIONAL_HNTE, "国家高新技术企业证书"),
      licenceMaterial(LicenceType.PATENT, "专利证书"),
      licenceMaterial(LicenceType.FIRE_SAFETY, "消防安全检查合格证"),
    ],
    outputLicenceTypeId: 0,
    outputStep: 0,
    visits: 0,
    links: [],
    baseline: { materials: 9, workingDays: 20, visits: 2 },
  });

  const applicant = await fundedWallet();
  const buyer = await fundedWallet();

  /** Issues a licence of `typeId` for `holder` (SDK-built), by the type's issuer. */
  async function issue(typeId: number, holder: string, fields: Record<string, string> = {}): Promise<Issued> {
    const names = fieldsOf(typeId);
    const values = Object.fromEntries(names.filter((n) => n !== "holder").map((n) => [n, fields[n] ?? `${n}-示例`]));
    const issuer = TYPES[typeId - 1]!.issuer;
    const built = buildLicence({
      typeId,
      typeVersion: 1,
      fieldNames: names,
      fields: values,
      holder: holder as Hex,
      issuerDepartment: issuer,
    });
    await licences.connect(officer(issuer)).issue(built.licenceId, typeId, 1, 0);
    return built;
  }

  /** A licence of `typeId` for the holder, built but not issued (e.g. an output licence). */
  function buildFor(typeId: number, holder: string): Issued {
    const names = fieldsOf(typeId);
    return buildLicence({
      typeId,
      typeVersion: 1,
      fieldNames: names,
      fields: Object.fromEntries(names.filter((n) => n !== "holder").map((n) => [n, `${n}-输出`])),
      holder: holder as Hex,
      issuerDepartment: TYPES[typeId - 1]!.issuer,
    });
  }

  const businessLicence = await issue(LicenceType.BUSINESS, applicant.address, { name: "北京海淀VR体验馆有限公司" });
  const premises = await issue(LicenceType.REAL_ESTATE, applicant.address, { address: "北京市海淀区中关村大街1号B1" });

  return {
    ...platform,
    officers,
    officer,
    applicant,
    buyer,
    issue,
    buildFor,
    businessLicence,
    premises,
    rules: { holdsHnte, notDishonest, zgcRule },
  };
}

export type Haidian = Awaited<ReturnType<typeof haidianPlatform>>;

/**
 * A VR hall submission by the applicant: its two licences and the 20 unconditional uploads, with
 * `conditions` and (when handled by an agent) the power of attorney, material 22, committed with a
 * fresh salt: conditional materials go in the declaration, never on chain.
 */
export function vrHallSubmission(h: Haidian, conditions = 0) {
  const uploads = Array.from({ length: 20 }, (_, i) => ({
    material: 2 + i,
    contentHash: ethers.id(`vr-hall-upload-${i}`),
  }));
  const declared = conditions & Condition.HandledByAgent ? [{ material: 22, id: ethers.id("agent") as Hex }] : [];
  return {
    matterId: 1,
    conditionsCommitment: conditionsCommitment(conditions, undefined, declared).commitment,
    licenceMaterials: [0, 1],
    licences: [heldLicence(h.businessLicence.file), heldLicence(h.premises.file)],
    uploads,
  };
}
