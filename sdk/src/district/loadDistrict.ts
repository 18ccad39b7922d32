import type { Address, Hash, Hex } from "viem";

import { parseCalendarFile } from "../calendar/year.ts";
import type { OneWindowClient } from "../chain/client.ts";
import { DepartmentKind, Level } from "../chain/enums.ts";
import { readContract } from "../chain/read.ts";
import { getCalendarYear } from "../actions/calendar/getCalendarYear.ts";
import { setCalendarYear } from "../actions/calendar/setCalendarYear.ts";
import type { MatterDefinition, MaterialDefinition } from "../actions/catalogue/internal/definition.ts";
import { encodeMatterVersion } from "../actions/catalogue/internal/encode.ts";
import { getMatterSteps } from "../actions/catalogue/getMatterSteps.ts";
import { registerMatter } from "../actions/catalogue/registerMatter.ts";
import { registerDepartment } from "../actions/departments/registerDepartment.ts";
import { getLicenceTypeByCode } from "../actions/licence-types/getLicenceTypeByCode.ts";
import { registerLicenceType } from "../actions/licence-types/registerLicenceType.ts";
import { Check } from "../utils/input.ts";
import { setLister } from "../actions/restrictions/setLister.ts";
import { deployCompositeRule } from "../actions/rules/deployCompositeRule.ts";
import { deployHoldsValidLicenceRule } from "../actions/rules/deployHoldsValidLicenceRule.ts";
import { deployNotRestrictedRule } from "../actions/rules/deployNotRestrictedRule.ts";
import { fieldMaskOf } from "../licence/mask.ts";
import type { DistrictData, DistrictLevel, DistrictLicenceType, DistrictMatter, DistrictRule } from "./types.ts";

/** One thing `loadDistrict` registered, or found already there. */
export type DistrictProgress = {
  kind: "department" | "licenceType" | "lister" | "calendar" | "rule" | "matter";
  /** Its code (a calendar: its year). */
  code: string;
  /** `created`: sent now; `skipped`: already on chain. */
  action: "created" | "skipped";
  /** The transaction, when created. */
  hash?: Hash | undefined;
};

export type LoadDistrictOptions = {
  /** The officers of a department (its threshold is in the data). */
  officersOf: (code: string) => readonly Address[] | Promise<readonly Address[]>;
  /** The compressed secp256k1 public key (33 bytes) a department's disclosures are encrypted to. */
  encryptionKeyOf: (code: string) => Hex | Promise<Hex>;
  /** Told of each department, licence type, lister, calendar year, rule and matter. */
  onProgress?: ((event: DistrictProgress) => void) | undefined;
  /** Rules already deployed, by code (not deployed again). */
  rules?: Readonly<Record<string, Address>> | undefined;
};

/** The chain ids of everything in the data, by code. */
export type LoadDistrictReturnType = {
  departments: Record<string, number>;
  licenceTypes: Record<string, number>;
  rules: Record<string, Address>;
  matters: Record<string, number>;
  /** Transactions and deployments sent. */
  created: number;
  /** Things found already on chain. */
  skipped: number;
};

const LEVELS: Record<DistrictLevel, Level> = {
  national: Level.National,
  municipal: Level.Municipal,
  district: Level.District,
};
const SECONDS_PER_DAY = 86_400;
/** Stands for a rule not deployed yet while a matter's shape is checked. */
const PLACEHOLDER_RULE: Address = "0x0000000000000000000000000000000000000001";

/**
 * Loads a district into a OneWindow deployment through the SDK's actions: departments (with the
 * officers and encryption keys `options` gives), restriction listers, licence types, working
 * calendar years, the rules the matters need, and the matters (in the order their links need).
 * It is idempotent: what already exists by code (or a calendar year already set the same) is
 * skipped, so it can be run again after a failure or when the data grows. Independent writes are
 * sent together, so it takes a few blocks, not one per item.
 *
 * Every reference (department, licence type, rule, matter and condition codes) and every matter's
 * shape (step dependencies, time limits, …) is checked first: an {@link InvalidParameterError}
 * names the bad entry and nothing is sent.
 *
 * The client needs the REGISTRAR, CALENDAR_KEEPER and CATALOGUE_EDITOR roles for what it creates.
 *
 * @example
 * const ids = await loadDistrict(admin, mergeDistrictData(departments, licenceTypes, matters), {
 *   officersOf: (code) => officers[code],
 *   encryptionKeyOf: (code) => keys[code],
 *   onProgress: (e) => console.log(e.kind, e.code, e.action),
 * });
 * ids.matters["HD-VR-HALL"]; // the matter id
 */
export async function loadDistrict(
  client: OneWindowClient,
  data: DistrictData,
  options: LoadDistrictOptions,
): Promise<LoadDistrictReturnType> {
  const check = new Check("loadDistrict");
  const departments = data.departments ?? [];
  const licenceTypes = data.licenceTypes ?? [];
  const rules = data.rules ?? [];
  const matters = data.matters ?? [];
  const conditions = data.conditions ?? {};
  unique(check, "departments", departments);
  unique(check, "licenceTypes", licenceTypes);
  unique(check, "rules", rules);
  unique(check, "matters", matters);

  // What is on chain already, by code.
  const lookup = (contract: "DepartmentRegistry" | "LicenceTypeRegistry" | "ServiceCatalog", code: string) =>
    contract === "DepartmentRegistry"
      ? readContract(client, { contract, functionName: "departmentIdByCode", args: [code] })
      : contract === "LicenceTypeRegistry"
        ? readContract(client, { contract, functionName: "typeIdByCode", args: [code] })
        : readContract(client, { contract, functionName: "matterIdByCode", args: [code] });
  const onChain = async (
    contract: "DepartmentRegistry" | "LicenceTypeRegistry" | "ServiceCatalog",
    codes: Iterable<string>,
  ): Promise<Map<string, number>> => {
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
  const knownRules = new Map(Object.entries(options.rules ?? {}));

  // Check every reference and every matter's shape before sending anything.
  const inData = (list: readonly { code: string }[], code: string) => list.some((item) => item.code === code);
  const need =
    (kind: string, list: readonly { code: string }[], ids: Map<string, unknown>) => (at: string, code: unknown) => {
      if (typeof code !== "string" || (!inData(list, code) && !ids.has(code))) {
        check.fail(
          at,
          `unknown ${kind} code ${JSON.stringify(code)}: not in the data and not on chain`,
          `未知的${kind}代码 ${String(code)}`,
        );
      }
    };
  const needDepartment = need("department", departments, departmentIds);
  const needType = need("licence type", licenceTypes, typeIds);
  const needRule = need("rule", rules, knownRules);
  const needMatter = need("matter", matters, matterIds);
  for (const [i, t] of licenceTypes.entries()) {
    t.issuers.forEach((code, k) => needDepartment(`licenceTypes[${i}].issuers[${k}]`, code));
  }
  for (const [i, r] of rules.entries()) {
    if (r.kind === "holdsValidLicence") needType(`rules[${i}].licenceType`, r.licenceType);
    else if (r.kind === "composite") r.rules.forEach((code, k) => needRule(`rules[${i}].rules[${k}]`, code));
    else if (r.kind !== "notRestricted")
      check.fail(`rules[${i}].kind`, "expected holdsValidLicence, notRestricted or composite", "规则类型无效");
  }
  ruleOrder(check, rules);
  for (const [i, m] of matters.entries()) {
    const at = `matters[${i}]`;
    m.steps.forEach((s, k) => {
      needDepartment(`${at}.steps[${k}].department`, s.department);
      if (s.rule !== undefined) needRule(`${at}.steps[${k}].rule`, s.rule);
      if (s.issues !== undefined) needType(`${at}.steps[${k}].issues`, s.issues);
    });
    m.materials.forEach((material, k) => {
      if (material.kind === "licence") {
        needType(`${at}.materials[${k}].licenceType`, material.licenceType);
        if (material.consent) needDepartment(`${at}.materials[${k}].consent.department`, material.consent.department);
      }
      (material.condition ?? []).forEach((name, c) => {
        if (!Object.hasOwn(conditions, name)) {
          check.fail(
            `${at}.materials[${k}].condition[${c}]`,
            `unknown condition flag ${JSON.stringify(name)}`,
            `未知的情形标志 ${name}`,
          );
        }
      });
    });
    (m.links ?? []).forEach((link, k) => needMatter(`${at}.links[${k}].matter`, link.matter));
    // The shape, with stand-in ids: dependencies, cycles, time limits, names, …
    encodeMatterVersion(
      definitionOf(m, {
        department: () => 1,
        type: () => 1,
        rule: () => PLACEHOLDER_RULE,
        matter: () => 1,
        condition: (name) => conditions[name] ?? 0,
        fields: () => 0n,
      }),
      new Check(`loadDistrict: ${at} (${m.code})`),
    );
  }
  matterOrder(check, matters, matterIds);

  let created = 0;
  let skipped = 0;
  const report = (kind: DistrictProgress["kind"], code: string, hash?: Hash) => {
    if (hash === undefined) skipped++;
    else created++;
    options.onProgress?.({ kind, code, action: hash === undefined ? "skipped" : "created", hash });
  };

  // Departments and calendar years.
  await Promise.all([
    ...departments.map(async (d) => {
      if (departmentIds.has(d.code)) return report("department", d.code);
      const { departmentId, hash } = await registerDepartment(client, {
        code: d.code,
        name: d.name,
        level: LEVELS[d.level],
        kind: d.kind === "publicService" ? DepartmentKind.PublicService : DepartmentKind.Government,
        encryptionKey: await options.encryptionKeyOf(d.code),
        officers: await options.officersOf(d.code),
        threshold: d.threshold,
      });
      departmentIds.set(d.code, departmentId);
      report("department", d.code, hash);
    }),
    ...(data.calendars ?? []).map(async (file, i) => {
      const year = parseCalendarFile(file, `calendars[${i}]`);
      const current = await getCalendarYear(client, { year: year.year });
      if (
        current.isSet &&
        sameDates(current.holidays, year.holidays) &&
        sameDates(current.makeupWorkdays, year.makeupWorkdays) &&
        current.source === year.source
      ) {
        return report("calendar", String(year.year));
      }
      report("calendar", String(year.year), (await setCalendarYear(client, year)).hash);
    }),
  ]);

  // Restriction listers and licence types.
  const fieldNames = new Map<string, readonly string[]>(licenceTypes.map((t) => [t.code, t.fieldNames]));
  await Promise.all([
    ...departments
      .filter((d) => d.restrictionLister === true)
      .map(async (d) => {
        const departmentId = departmentIds.get(d.code)!;
        if (
          await readContract(client, { contract: "RestrictionList", functionName: "isLister", args: [departmentId] })
        ) {
          return report("lister", d.code);
        }
        report("lister", d.code, (await setLister(client, { departmentId, allowed: true })).hash);
      }),
    ...licenceTypes.map(async (t) => {
      if (typeIds.has(t.code)) return report("licenceType", t.code);
      const { typeId, hash } = await registerLicenceType(client, {
        code: t.code,
        name: t.name,
        level: LEVELS[t.level],
        defaultValidity: t.defaultValidityDays * SECONDS_PER_DAY,
        fieldNames: t.fieldNames,
        issuers: t.issuers.map((code) => departmentIds.get(code)!),
      });
      typeIds.set(t.code, typeId);
      report("licenceType", t.code, hash);
    }),
  ]);

  // Rules: those of matters already registered are read back from their steps; those the new
  // matters need are deployed, combined rules after the rules they combine.
  const missing = matters.filter((m) => !matterIds.has(m.code));
  await Promise.all(
    matters
      .filter((m) => matterIds.has(m.code) && m.steps.some((s) => s.rule !== undefined && !knownRules.has(s.rule)))
      .map(async (m) => {
        const steps = await getMatterSteps(client, { matterId: matterIds.get(m.code)! });
        m.steps.forEach((s, k) => {
          const address = steps[k]?.rule;
          if (s.rule !== undefined && address !== undefined && !knownRules.has(s.rule)) knownRules.set(s.rule, address);
        });
      }),
  );
  const wanted = new Set<string>();
  const want = (code: string) => {
    if (knownRules.has(code) || wanted.has(code)) return;
    wanted.add(code);
    const rule = rules.find((r) => r.code === code)!;
    if (rule.kind === "composite") rule.rules.forEach(want);
  };
  missing.forEach((m) => m.steps.forEach((s) => s.rule !== undefined && want(s.rule)));
  for (const level of ruleOrder(
    check,
    rules.filter((r) => wanted.has(r.code)),
  )) {
    await Promise.all(
      level.map(async (rule) => {
        const { address, hash } = await deployRule(client, rule, typeIds, knownRules);
        knownRules.set(rule.code, address);
        report("rule", rule.code, hash);
      }),
    );
  }
  for (const rule of rules) if (!wanted.has(rule.code) && knownRules.has(rule.code)) report("rule", rule.code);

  // Matters, each after the matters it links to.
  const fieldsOf = async (code: string): Promise<readonly string[]> => {
    const known = fieldNames.get(code);
    if (known) return known;
    const type = await getLicenceTypeByCode(client, { code });
    fieldNames.set(code, type!.version.fieldNames);
    return type!.version.fieldNames;
  };
  for (const m of matters) if (matterIds.has(m.code)) report("matter", m.code);
  for (const level of matterOrder(check, missing, matterIds)) {
    await Promise.all(
      level.map(async (m) => {
        const consentFields = new Map<string, bigint>();
        for (const material of m.materials) {
          if (material.kind === "licence" && material.consent?.fields) {
            consentFields.set(
              material.licenceType + "/" + material.name,
              fieldMaskOf(await fieldsOf(material.licenceType), material.consent.fields),
            );
          }
        }
        const definition = definitionOf(m, {
          department: (code) => departmentIds.get(code)!,
          type: (code) => typeIds.get(code)!,
          rule: (code) => knownRules.get(code)!,
          matter: (code) => matterIds.get(code)!,
          condition: (name) => conditions[name]!,
          fields: (typeCode, name) => consentFields.get(typeCode + "/" + name) ?? 0n,
        });
        const { matterId, hash } = await registerMatter(client, definition);
        matterIds.set(m.code, matterId);
        report("matter", m.code, hash);
      }),
    );
  }

  const pick = <T>(ids: Map<string, T>, codes: readonly string[]) =>
    Object.fromEntries(codes.filter((code) => ids.has(code)).map((code) => [code, ids.get(code)!]));
  return {
    departments: pick(
      departmentIds,
      departments.map((d) => d.code),
    ),
    licenceTypes: pick(
      typeIds,
      licenceTypes.map((t) => t.code),
    ),
    rules: pick(
      knownRules,
      rules.map((r) => r.code),
    ),
    matters: pick(
      matterIds,
      matters.map((m) => m.code),
    ),
    created,
    skipped,
  };
}

/** How a matter's codes become chain ids. */
type Resolve = {
  department: (code: string) => number;
  type: (code: string) => number;
  rule: (code: string) => Address;
  matter: (code: string) => number;
  condition: (name: string) => number;
  fields: (typeCode: string, materialName: string) => bigint;
};

/** A district matter as the catalogue's readable definition, its codes resolved. */
function definitionOf(m: DistrictMatter, resolve: Resolve): MatterDefinition {
  const flags = (names: readonly string[] | undefined) =>
    (names ?? []).reduce((mask, name) => (mask | resolve.condition(name)) >>> 0, 0);
  return {
    code: m.code,
    name: m.name,
    steps: m.steps.map((s) => ({
      departmentId: resolve.department(s.department),
      dependsOn: s.dependsOn ?? [],
      timeLimit: s.timeLimit,
      ...(s.rule === undefined ? {} : { rule: resolve.rule(s.rule) }),
      ...(s.issues === undefined ? {} : { issues: resolve.type(s.issues) }),
    })),
    materials: m.materials.map((material): MaterialDefinition => {
      const condition = flags(material.condition);
      if (material.kind === "upload") return { kind: "upload", name: material.name, condition };
      return {
        kind: "licence",
        licenceTypeId: resolve.type(material.licenceType),
        name: material.name,
        condition,
        ...(material.consent === undefined
          ? {}
          : {
              consent: {
                departmentId: resolve.department(material.consent.department),
                fieldMask: resolve.fields(material.licenceType, material.name),
              },
            }),
      };
    }),
    links: (m.links ?? []).map((link) => ({ matterId: resolve.matter(link.matter), mode: link.mode })),
    visits: m.visits ?? 0,
    baseline: m.baseline,
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

/** Each code appears once in its list. */
function unique(check: Check, list: string, items: readonly { code: string }[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (typeof item?.code !== "string" || item.code.length === 0)
      check.fail(`${list}[${i}].code`, "expected a code", "缺少代码");
    if (seen.has(item.code))
      check.fail(`${list}[${i}].code`, `code ${item.code} appears twice`, `代码 ${item.code} 重复`);
    seen.add(item.code);
  });
}

/** The rules in levels: each level only combines rules of earlier levels (or known ones). */
function ruleOrder(check: Check, rules: readonly DistrictRule[]): DistrictRule[][] {
  return levels(check, "rules", rules, (r) => (r.kind === "composite" ? r.rules : []), "combine each other");
}

/** The matters in levels: each level only links to matters of earlier levels (or on chain). */
function matterOrder(
  check: Check,
  matters: readonly DistrictMatter[],
  onChain: Map<string, number>,
): DistrictMatter[][] {
  return levels(
    check,
    "matters",
    matters,
    (m) => (m.links ?? []).map((link) => link.matter).filter((code) => !onChain.has(code)),
    "link to each other",
  );
}

/** Kahn's algorithm by levels over the `after` edges that stay inside `items`. */
function levels<T extends { code: string }>(
  check: Check,
  list: string,
  items: readonly T[],
  after: (item: T) => readonly string[],
  verb: string,
): T[][] {
  const codes = new Set(items.map((item) => item.code));
  const done = new Set<string>();
  const result: T[][] = [];
  let pending = [...items];
  while (pending.length > 0) {
    const ready = pending.filter((item) => after(item).every((code) => !codes.has(code) || done.has(code)));
    if (ready.length === 0) {
      const names = pending.map((item) => item.code).join(", ");
      check.fail(
        list,
        `${names} ${verb} in a cycle: none can be registered first`,
        `${names} 相互循环引用，无法先登记其中任何一个`,
      );
    }
    ready.forEach((item) => done.add(item.code));
    result.push(ready);
    pending = pending.filter((item) => !done.has(item.code));
  }
  return result;
}

async function deployRule(
  client: OneWindowClient,
  rule: DistrictRule,
  typeIds: Map<string, number>,
  known: Map<string, Address>,
): Promise<{ address: Address; hash: Hash }> {
  if (rule.kind === "holdsValidLicence") {
    return deployHoldsValidLicenceRule(client, { licenceTypeId: typeIds.get(rule.licenceType)! });
  }
  if (rule.kind === "notRestricted") return deployNotRestrictedRule(client, { listCode: rule.listCode });
  return deployCompositeRule(client, { rules: rule.rules.map((code) => known.get(code)!), mode: rule.mode });
}

function sameDates(a: readonly number[], b: readonly number[]): boolean {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.length === y.length && x.every((value, i) => value === y[i]);
}
