/**
 * Loads the Haidian demo data (scripts/data/haidian/*.json) into a deployed OneWindow: departments
 * with their officers (demo keys from the development mnemonic, funded from the deployer), licence
 * types, restriction listers, and one demo licence. Writes `.data/demo/accounts.json` (who can do
 * what) and the demo licence file under `.data/demo/licences/`.
 *
 *   hardhat run --network localhost scripts/seed.ts     (after scripts/deploy.ts)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

import { buildLicence, serializeLicenceFile } from "@onewindow/sdk";
import { network } from "hardhat";

import { CALENDAR_FILES, loadCalendarYear } from "./calendar.ts";
import { DEV_MNEMONIC, demoWallet } from "./lib/demo-keys.ts";

type DepartmentData = {
  code: string;
  name: string;
  nameEn: string;
  level: keyof typeof LEVEL;
  kind: keyof typeof KIND;
  officers: number[];
  threshold: number;
  restrictionLister?: boolean;
};
type LicenceTypeData = {
  code: string;
  name: string;
  level: keyof typeof LEVEL;
  defaultValidityDays: number;
  issuers: string[];
  fieldNames: string[];
};

const LEVEL = { national: 1, municipal: 2, district: 3 } as const;
const KIND = { government: 0, publicService: 1 } as const;
/** Index of the development mnemonic of the demo applicant (an enterprise). */
const APPLICANT_INDEX = 200;
/** Each department's encryption key is a demo key at this offset plus the department's position. */
const DEPARTMENT_KEY_OFFSET = 1000;

const read = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`./data/haidian/${file}`, import.meta.url), "utf8"));
const { departments } = read<{ departments: DepartmentData[] }>("departments.json");
const { licenceTypes } = read<{ licenceTypes: LicenceTypeData[] }>("licence-types.json");

const { ethers } = await network.getOrCreate();
const chainId = Number((await ethers.provider.getNetwork()).chainId);
const deployment = JSON.parse(readFileSync(`deployments/${chainId}.json`, "utf8")) as {
  contracts: Record<string, { address: string }>;
};
const [deployer] = await ethers.getSigners();
const at = (name: string) => deployment.contracts[name]!.address;
const departmentRegistry = await ethers.getContractAt("DepartmentRegistry", at("DepartmentRegistry"), deployer);
const licenceTypeRegistry = await ethers.getContractAt("LicenceTypeRegistry", at("LicenceTypeRegistry"), deployer);
const licenceRegistry = await ethers.getContractAt("LicenceRegistry", at("LicenceRegistry"));
const restrictionList = await ethers.getContractAt("RestrictionList", at("RestrictionList"), deployer);
const workingCalendar = await ethers.getContractAt("WorkingCalendar", at("WorkingCalendar"), deployer);

// The working-day calendar: the holiday schedules shipped in scripts/data/calendar.
for (const file of CALENDAR_FILES) {
  const year = loadCalendarYear(file);
  await (await workingCalendar.setYear(year.year, year.holidays, year.makeupWorkdays, year.source)).wait();
  console.error(
    `seed: calendar ${year.year} (${year.holidays.length} holidays, ${year.makeupWorkdays.length} make-up days)`,
  );
}

const accounts: { role: string; address: string; privateKey: string; canDo: string }[] = [];
const fund = async (address: string) =>
  (await deployer.sendTransaction({ to: address, value: ethers.parseEther("100") })).wait();

const idByCode = new Map<string, number>();
for (const [position, d] of departments.entries()) {
  const officers = d.officers.map((index) => demoWallet(index));
  for (const officer of officers) await fund(officer.address);
  const key = demoWallet(DEPARTMENT_KEY_OFFSET + position);
  const existing = Number(await departmentRegistry.departmentIdByCode(d.code));
  if (existing === 0) {
    await (
      await departmentRegistry.registerDepartment(
        {
          code: d.code,
          name: d.name,
          level: LEVEL[d.level],
          kind: KIND[d.kind],
          encryptionKey: key.signingKey.compressedPublicKey,
        },
        officers.map((o) => o.address),
        d.threshold,
      )
    ).wait();
  }
  const id = Number(await departmentRegistry.departmentIdByCode(d.code));
  idByCode.set(d.code, id);
  if (d.restrictionLister) await (await restrictionList.setLister(id, true)).wait();
  officers.forEach((o, i) =>
    accounts.push({
      role: `officer ${i + 1}/${officers.length} of ${d.code} (${d.nameEn}), threshold ${d.threshold}`,
      address: o.address,
      privateKey: o.privateKey,
      canDo: `issue, revoke and verify licences for department ${id}; sign its decisions`,
    }),
  );
  console.error(`seed: department ${id} ${d.code} ${d.name}`);
}

const typeIdByCode = new Map<string, number>();
for (const t of licenceTypes) {
  if (Number(await licenceTypeRegistry.typeIdByCode(t.code)) === 0) {
    await (
      await licenceTypeRegistry.registerType(t.code, t.name, {
        level: LEVEL[t.level],
        defaultValidity: t.defaultValidityDays * 86_400,
        fieldNames: t.fieldNames,
        issuers: t.issuers.map((code) => {
          const id = idByCode.get(code);
          if (id === undefined) throw new Error(`licence type ${t.code}: unknown issuer department ${code}`);
          return id;
        }),
      })
    ).wait();
  }
  typeIdByCode.set(t.code, Number(await licenceTypeRegistry.typeIdByCode(t.code)));
  console.error(`seed: licence type ${typeIdByCode.get(t.code)} ${t.code}`);
}

// One demo business licence for the demo applicant, issued by market supervision.
const applicant = demoWallet(APPLICANT_INDEX);
await fund(applicant.address);
accounts.push({
  role: "applicant: 北京海淀示例画廊有限公司 (demo enterprise)",
  address: applicant.address,
  privateKey: applicant.privateKey,
  canDo: "hold licences, grant consents, apply for service matters",
});
const businessLicence = licenceTypes.find((t) => t.code === "BUSINESS_LICENCE")!;
const { licenceId, file } = buildLicence({
  typeId: typeIdByCode.get("BUSINESS_LICENCE")!,
  typeVersion: 1,
  fieldNames: businessLicence.fieldNames,
  holder: applicant.address as `0x${string}`,
  issuerDepartment: idByCode.get("HD-SAMR")!,
  fields: {
    unifiedSocialCreditCode: "91110108MA01DEMO0X",
    name: "北京海淀示例画廊有限公司",
    legalRepresentative: "王示例",
    registeredAddress: "北京市海淀区中关村大街27号",
    businessScope: "艺术品展览；画廊服务",
    establishedOn: "2026-03-01",
  },
  chainId,
  registry: at("LicenceRegistry") as `0x${string}`,
});
const samrOfficer = demoWallet(departments.find((d) => d.code === "HD-SAMR")!.officers[0]!).connect(ethers.provider);
await (await licenceRegistry.connect(samrOfficer).issue(licenceId, file.typeId, file.typeVersion, 0)).wait();
mkdirSync(".data/demo/licences", { recursive: true });
writeFileSync(`.data/demo/licences/${licenceId}.json`, serializeLicenceFile(file));
writeFileSync(".data/demo/accounts.json", JSON.stringify({ mnemonic: DEV_MNEMONIC, accounts }, null, 2) + "\n");
console.error(`seed: issued demo business licence ${licenceId}`);
console.log(JSON.stringify({ departments: idByCode.size, licenceTypes: typeIdByCode.size, licences: 1 }));
