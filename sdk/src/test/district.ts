/**
 * A fresh Haidian district on the shared test chain, loaded with the SDK's `loadDistrict` from
 * the demo data (scripts/data/haidian/*.json, the calendar files). Every code gets a unique
 * suffix (test files share one chain), every department fresh officer accounts.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, type Address, type Hex } from "viem";

import { issueLicence } from "../actions/licences/issueLicence.ts";
import type { CalendarFile } from "../calendar/year.ts";
import type { OneWindowClient } from "../chain/client.ts";
import { loadDistrict, type LoadDistrictReturnType } from "../district/loadDistrict.ts";
import {
  mergeDistrictData,
  type DistrictData,
  type DistrictDepartment,
  type DistrictLicenceType,
  type DistrictMatter,
  type DistrictRule,
} from "../district/types.ts";
import { buildLicence, type BuildLicenceReturnType } from "../licence/build.ts";
import { admin, newAccounts } from "@onewindow/testkit/test-chain";

const DATA = new URL("../../../scripts/data/", import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, DATA), "utf8")) as T;

/** The Haidian district data of the demo files, with unsuffixed codes. */
export function haidianData(): DistrictData {
  const { departments } = readJson<{ departments: DistrictDepartment[] }>("haidian/departments.json");
  const { licenceTypes } = readJson<{ licenceTypes: DistrictLicenceType[] }>("haidian/licence-types.json");
  const matters = readJson<DistrictData>("haidian/matters.json");
  const calendars = ["calendar/cn-2026.json", "calendar/cn-2027.json"].map((path) => readJson<CalendarFile>(path));
  return mergeDistrictData({ departments }, { licenceTypes }, { calendars }, matters);
}

/** The same data with every department, licence type and matter code suffixed `-<suffix>`. */
export function suffixCodes(data: DistrictData, suffix: string): DistrictData {
  const s = (code: string) => `${code}-${suffix}`;
  const rule = (r: DistrictRule): DistrictRule =>
    r.kind === "holdsValidLicence" ? { ...r, licenceType: s(r.licenceType) } : r;
  const matter = (m: DistrictMatter): DistrictMatter => ({
    ...m,
    code: s(m.code),
    steps: m.steps.map((step) => ({
      ...step,
      department: s(step.department),
      ...(step.issues === undefined ? {} : { issues: s(step.issues) }),
    })),
    materials: m.materials.map((material) =>
      material.kind === "upload"
        ? material
        : {
            ...material,
            licenceType: s(material.licenceType),
            ...(material.consent
              ? { consent: { ...material.consent, department: s(material.consent.department) } }
              : {}),
          },
    ),
    links: (m.links ?? []).map((link) => ({ ...link, matter: s(link.matter) })),
  });
  return {
    ...data,
    departments: (data.departments ?? []).map((d) => ({ ...d, code: s(d.code) })),
    licenceTypes: (data.licenceTypes ?? []).map((t) => ({ ...t, code: s(t.code), issuers: t.issuers.map(s) })),
    rules: (data.rules ?? []).map(rule),
    matters: (data.matters ?? []).map(matter),
  };
}

/** A funded officer: key, address and a client signing as them. */
export type Officer = { key: Hex; address: Address; client: OneWindowClient };

/** A loaded Haidian district; everything is looked up by its unsuffixed code. */
export type HaidianDistrict = Awaited<ReturnType<typeof setUpHaidian>>;

let loaded: Promise<HaidianDistrict> | undefined;

/** The district of this test file (loaded once per process). */
export function haidianDistrict(): Promise<HaidianDistrict> {
  loaded ??= setUpHaidian();
  return loaded;
}

/** Loads a fresh Haidian district: fresh officers (sorted by address), unique codes, calendars. */
export async function setUpHaidian() {
  const suffix = randomBytes(3).toString("hex");
  const base = haidianData();
  const data = suffixCodes(base, suffix);
  const departments = base.departments ?? [];
  const counts = departments.map((d) => Math.max(d.officers?.length ?? 1, d.threshold));
  const accounts = await newAccounts(counts.reduce((a, b) => a + b, 0));
  const officers = new Map<string, Officer[]>();
  let next = 0;
  departments.forEach((d, i) => {
    const mine = accounts.slice(next, next + counts[i]!);
    next += counts[i]!;
    mine.sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
    officers.set(`${d.code}-${suffix}`, mine);
  });
  const ids: LoadDistrictReturnType = await loadDistrict(admin, data, {
    officersOf: (code) => officers.get(code)!.map((o) => o.address),
    encryptionKeyOf: () => bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true)),
  });

  const code = (unsuffixed: string) => `${unsuffixed}-${suffix}`;
  const get = <T>(map: Record<string, T>, kind: string, unsuffixed: string): T => {
    const value = map[code(unsuffixed)];
    if (value === undefined) throw new Error(`no ${kind} ${unsuffixed} in the test district`);
    return value;
  };
  const licenceType = (unsuffixed: string) => {
    const type = (data.licenceTypes ?? []).find((t) => t.code === code(unsuffixed))!;
    return { typeId: get(ids.licenceTypes, "licence type", unsuffixed), type };
  };

  /** A licence of `type` for `holder`, built (not issued) by the department `issuer` (default: its first issuer). */
  function build(typeCode: string, holder: Address, fields: Record<string, string> = {}, issuer?: string) {
    const { typeId, type } = licenceType(typeCode);
    const issuerCode = issuer ?? type.issuers[0]!.slice(0, -suffix.length - 1);
    return buildLicence({
      typeId,
      typeVersion: 1,
      fieldNames: type.fieldNames,
      fields: Object.fromEntries(
        type.fieldNames.filter((n) => n !== "holder").map((n) => [n, fields[n] ?? `${n}-示例`]),
      ),
      holder,
      issuerDepartment: get(ids.departments, "department", issuerCode),
      chainId: admin.chain.id,
      registry: admin.addresses.LicenceRegistry,
    });
  }

  return {
    suffix,
    data,
    ids,
    /** The suffixed code of an unsuffixed one. */
    code,
    departmentId: (unsuffixed: string) => get(ids.departments, "department", unsuffixed),
    typeId: (unsuffixed: string) => licenceType(unsuffixed).typeId,
    matterId: (unsuffixed: string) => get(ids.matters, "matter", unsuffixed),
    /** A rule's address (rule codes are not suffixed: they are not on chain). */
    rule: (ruleCode: string): Address => {
      const address = ids.rules[ruleCode];
      if (address === undefined) throw new Error(`no rule ${ruleCode} in the test district`);
      return address;
    },
    /** A department's officers, ascending by address. */
    officers: (unsuffixed: string): Officer[] => officers.get(code(unsuffixed))!,
    /** Officer `index` of a department. */
    officer: (unsuffixed: string, index = 0): Officer => officers.get(code(unsuffixed))![index]!,
    build,
    /** Builds a licence and has an officer of its issuing department issue it. */
    async issue(
      typeCode: string,
      holder: Address,
      fields: Record<string, string> = {},
      issuer?: string,
    ): Promise<BuildLicenceReturnType> {
      const built = build(typeCode, holder, fields, issuer);
      const issuerCode = issuer ?? licenceType(typeCode).type.issuers[0]!.slice(0, -suffix.length - 1);
      await issueLicence(officers.get(code(issuerCode))![0]!.client, { file: built.file });
      return built;
    },
  };
}
