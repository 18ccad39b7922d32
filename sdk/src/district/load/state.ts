/** What the steps of `loadDistrict` share: the data, the ids found or created so far, the counts. */
import type { Address, Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { parseSm2PublicKey } from "../../crypto/sm2.ts";
import { SealError } from "../../errors/seal.ts";
import { Check } from "../../utils/input.ts";
import type {
  DistrictChange,
  DistrictData,
  DistrictDepartment,
  DistrictLicenceType,
  DistrictMatter,
  DistrictProgress,
  DistrictRule,
  LoadDistrictOptions,
  LoadDistrictReturnType,
} from "../types.ts";
import { unique } from "./order.ts";

/** One run of `planDistrict` or `applyDistrictPlan` (and so of `loadDistrict`). */
export type DistrictLoad = {
  client: OneWindowClient;
  options: LoadDistrictOptions;
  /** Officers and encryption keys the options give, by department code (absent: keep the chain's). */
  officers: Map<string, readonly Address[]>;
  encryptionKeys: Map<string, Hex>;
  /** Seal public keys the options give, checked, by department code (absent: keep the chain's). */
  sealKeys: Map<string, Hex>;
  /** When applying: the plan's changes; each step makes only these. */
  changes: readonly DistrictChange[];
  /** Every bad entry is reported through this, before anything is sent. */
  check: Check;
  data: DistrictData;
  departments: readonly DistrictDepartment[];
  licenceTypes: readonly DistrictLicenceType[];
  rules: readonly DistrictRule[];
  matters: readonly DistrictMatter[];
  conditions: Readonly<Record<string, number>>;
  /** Chain ids by code: found on chain at the start, then each as it is created. */
  departmentIds: Map<string, number>;
  typeIds: Map<string, number>;
  matterIds: Map<string, number>;
  /** Rule addresses by code: given in the options, read back from registered matters, or deployed. */
  knownRules: Map<string, Address>;
  /** Counts a thing created (with its transaction) or skipped, and tells `onProgress`. */
  report: (kind: DistrictProgress["kind"], code: string, hash?: Hash) => void;
  /** Counts a change to a thing on chain (sent, or scheduled until `executableAt`), and tells `onProgress`. */
  reportUpdate: (kind: DistrictProgress["kind"], code: string, hash: Hash, executableAt?: number) => void;
  created: number;
  updated: number;
  skipped: number;
};

type Registry = "DepartmentRegistry" | "LicenceTypeRegistry" | "ServiceCatalog";

/**
 * Step 1: the data's lists (each code once), and what of it (or of what it refers to) is on
 * chain already, by code.
 */
export async function startLoad(
  client: OneWindowClient,
  data: DistrictData,
  options: LoadDistrictOptions,
): Promise<DistrictLoad> {
  const check = new Check("loadDistrict");
  const departments = data.departments ?? [];
  const licenceTypes = data.licenceTypes ?? [];
  const rules = data.rules ?? [];
  const matters = data.matters ?? [];
  unique(check, "departments", departments);
  unique(check, "licenceTypes", licenceTypes);
  unique(check, "rules", rules);
  unique(check, "matters", matters);

  const lookup = (contract: Registry, code: string) =>
    contract === "DepartmentRegistry"
      ? readContract(client, { contract, functionName: "departmentIdByCode", args: [code] })
      : contract === "LicenceTypeRegistry"
        ? readContract(client, { contract, functionName: "typeIdByCode", args: [code] })
        : readContract(client, { contract, functionName: "matterIdByCode", args: [code] });
  const onChain = async (contract: Registry, codes: Iterable<string>): Promise<Map<string, number>> => {
    const list = [...new Set(codes)];
    const ids = await Promise.all(list.map((code) => lookup(contract, code)));
    return new Map(list.flatMap((code, i) => (ids[i] === 0 ? [] : [[code, ids[i]!] as const])));
  };
  const refs = references(matters, licenceTypes, rules);
  const [departmentIds, typeIds, matterIds] = await Promise.all([
    onChain("DepartmentRegistry", [...departments.map((d) => d.code), ...refs.departments]),
    onChain("LicenceTypeRegistry", [...licenceTypes.map((t) => t.code), ...refs.licenceTypes]),
    onChain("ServiceCatalog", [...matters.map((m) => m.code), ...refs.matters]),
  ]);

  const officers = new Map<string, readonly Address[]>();
  const encryptionKeys = new Map<string, Hex>();
  const sealKeys = new Map<string, Hex>();
  await Promise.all(
    departments.map(async (d) => {
      const [list, key, seal] = await Promise.all([
        options.officersOf(d.code),
        options.encryptionKeyOf(d.code),
        options.sealKeyOf?.(d.code),
      ]);
      if (list !== undefined) officers.set(d.code, list);
      if (key !== undefined) encryptionKeys.set(d.code, key);
      if (seal !== undefined) sealKeys.set(d.code, checkedSealKey(check, d.code, seal));
    }),
  );

  const load: DistrictLoad = {
    client,
    options,
    officers,
    encryptionKeys,
    sealKeys,
    changes: [],
    check,
    data,
    departments,
    licenceTypes,
    rules,
    matters,
    conditions: data.conditions ?? {},
    departmentIds,
    typeIds,
    matterIds,
    knownRules: new Map(Object.entries(options.rules ?? {})),
    report: (kind, code, hash) => {
      if (hash === undefined) load.skipped++;
      else load.created++;
      options.onProgress?.({ kind, code, action: hash === undefined ? "skipped" : "created", hash });
    },
    reportUpdate: (kind, code, hash, executableAt) => {
      load.updated++;
      options.onProgress?.({
        kind,
        code,
        action: executableAt === undefined ? "updated" : "scheduled",
        hash,
        ...(executableAt === undefined ? {} : { executableAt }),
      });
    },
    created: 0,
    updated: 0,
    skipped: 0,
  };
  return load;
}

/** The last step: the chain ids of everything in the data, by code, and the counts. */
export function resultOf(load: DistrictLoad): LoadDistrictReturnType {
  const pick = <T>(ids: Map<string, T>, codes: readonly string[]) =>
    Object.fromEntries(codes.filter((code) => ids.has(code)).map((code) => [code, ids.get(code)!]));
  return {
    departments: pick(
      load.departmentIds,
      load.departments.map((d) => d.code),
    ),
    licenceTypes: pick(
      load.typeIds,
      load.licenceTypes.map((t) => t.code),
    ),
    rules: pick(
      load.knownRules,
      load.rules.map((r) => r.code),
    ),
    matters: pick(
      load.matterIds,
      load.matters.map((m) => m.code),
    ),
    created: load.created,
    updated: load.updated,
    skipped: load.skipped,
  };
}

/** Codes that the matters, licence types and rules refer to. */
function references(
  matters: readonly DistrictMatter[],
  licenceTypes: readonly DistrictLicenceType[],
  rules: readonly DistrictRule[],
) {
  const departments = new Set<string>();
  const types = new Set<string>();
  const linked = new Set<string>();
  for (const t of licenceTypes) t.issuers.forEach((code) => departments.add(code));
  for (const r of rules) if (r.kind === "holdsValidLicence") types.add(r.licenceType);
  for (const m of matters) {
    for (const s of m.steps ?? []) {
      departments.add(s.department);
      if (s.issues !== undefined) types.add(s.issues);
    }
    for (const material of m.materials ?? []) {
      if (material.kind !== "licence") continue;
      types.add(material.licenceType);
      if (material.consent) departments.add(material.consent.department);
    }
    for (const link of m.links ?? []) linked.add(link.matter);
  }
  const strings = (set: Set<string>) => [...set].filter((code) => typeof code === "string" && code.length > 0);
  return { departments: strings(departments), licenceTypes: strings(types), matters: strings(linked) };
}

/** A department's seal public key from the options, checked (65 bytes, 0x04, on the SM2 curve) before anything is sent. */
function checkedSealKey(check: Check, code: string, key: Hex): Hex {
  try {
    return parseSm2PublicKey(key, `the seal public key of ${code}`);
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    return check.fail(
      `sealKeyOf(${code})`,
      `${error.reason}: give the department's SM2 seal public key (officers.json sealPublicKey)`,
      `${error.messages.zh}请填写该部门的 SM2 印章公钥（officers.json 的 sealPublicKey）。`,
    );
  }
}
