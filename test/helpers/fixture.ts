import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { DepartmentKind, Level as SdkLevel } from "@onewindow/sdk";

import OneWindowModule from "../../ignition/modules/OneWindow.ts";
import {
  AccessManager__factory,
  ApprovalEngine__factory,
  ConsentRegistry__factory,
  DepartmentRegistry__factory,
  LicenceRegistry__factory,
  LicenceTypeRegistry__factory,
  RestrictionList__factory,
  ServiceCatalog__factory,
  WorkingCalendar__factory,
} from "../../types/ethers-contracts/index.ts";

/**
 * One simulated chain shared by every mocha test file (network `testClock`: its clock starts on
 * Monday 2026-01-05 09:00 Beijing time); fixtures snapshot and restore it.
 */
export const connection = await network.getOrCreate("testClock");
export const { ethers, networkHelpers, ignition } = connection;
export const { loadFixture, time } = networkHelpers;

/** The SDK's Level (contracts/Common.sol) plus `None`, the value the contracts refuse. */
export const Level = { None: 0, ...SdkLevel } as const;
export { DepartmentKind };

/** A valid-looking compressed secp256k1 public key for department `n` (tests only). */
export function encryptionKey(n: number): string {
  return ethers.SigningKey.computePublicKey(ethers.zeroPadValue(ethers.toBeHex(n + 1), 32), true);
}

/** Deploys the platform exactly as `npm run deploy` does (the Ignition module), with typed handles. */
export async function deployPlatform() {
  const deployed = await ignition.deploy(OneWindowModule);
  const [deployer] = await ethers.getSigners();
  const at = async (contract: { getAddress(): Promise<string> }) => contract.getAddress();
  return {
    deployer,
    accessManager: AccessManager__factory.connect(await at(deployed.accessManager), deployer),
    departments: DepartmentRegistry__factory.connect(await at(deployed.departmentRegistry), deployer),
    licenceTypes: LicenceTypeRegistry__factory.connect(await at(deployed.licenceTypeRegistry), deployer),
    licences: LicenceRegistry__factory.connect(await at(deployed.licenceRegistry), deployer),
    consents: ConsentRegistry__factory.connect(await at(deployed.consentRegistry), deployer),
    restrictions: RestrictionList__factory.connect(await at(deployed.restrictionList), deployer),
    calendar: WorkingCalendar__factory.connect(await at(deployed.workingCalendar), deployer),
    catalog: ServiceCatalog__factory.connect(await at(deployed.serviceCatalog), deployer),
    engine: ApprovalEngine__factory.connect(await at(deployed.approvalEngine), deployer),
  };
}

export type Platform = Awaited<ReturnType<typeof deployPlatform>>;

/**
 * The deployed platform with three departments and a licence type:
 * 1 market supervision (3 officers, 2 of 3), 2 housing and construction (1 officer),
 * 3 the court (1 officer, allowed to list restrictions);
 * type 1 BUSINESS_LICENCE issued by department 1.
 */
export async function platformWithDepartments() {
  const platform = await deployPlatform();
  const signers = await ethers.getSigners();
  const [, samr1, samr2, samr3, housing1, court1, holder, other, outsider] = signers;
  const { departments, licenceTypes, restrictions } = platform;
  await departments.registerDepartment(
    {
      code: "HD-SAMR",
      name: "海淀区市场监督管理局",
      level: Level.District,
      kind: DepartmentKind.Government,
      encryptionKey: encryptionKey(1),
    },
    [samr1.address, samr2.address, samr3.address],
    2,
  );
  await departments.registerDepartment(
    {
      code: "HD-HOUSING",
      name: "海淀区住房和城乡建设委员会",
      level: Level.District,
      kind: DepartmentKind.Government,
      encryptionKey: encryptionKey(2),
    },
    [housing1.address],
    1,
  );
  await departments.registerDepartment(
    {
      code: "HD-COURT",
      name: "海淀区人民法院",
      level: Level.District,
      kind: DepartmentKind.Government,
      encryptionKey: encryptionKey(3),
    },
    [court1.address],
    1,
  );
  await licenceTypes.registerType("BUSINESS_LICENCE", "营业执照 Business licence", {
    level: Level.Municipal,
    defaultValidity: 0,
    fieldNames: BUSINESS_LICENCE_FIELDS,
    issuers: [1],
  });
  await restrictions.setLister(3, true);
  return { ...platform, samr1, samr2, samr3, housing1, court1, holder, other, outsider };
}

export const BUSINESS_LICENCE_FIELDS = [
  "holder",
  "unifiedSocialCreditCode",
  "name",
  "legalRepresentative",
  "registeredAddress",
  "businessScope",
];

export type Signer = HardhatEthersSigner;
