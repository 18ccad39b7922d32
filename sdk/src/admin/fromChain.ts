/**
 * What is on chain in the district format (sdk/src/district/types.ts), by code: a department, a
 * licence type, a matter. The console edits these and plans them with `planDistrict`, so what it
 * publishes is checked and compared exactly as `onewindow district plan` does.
 */
import type { Address } from "viem";

import { getMatter } from "../actions/catalogue/getMatter.ts";
import { getDepartment } from "../actions/departments/getDepartment.ts";
import { listDepartments } from "../actions/departments/listDepartments.ts";
import { getLicenceType } from "../actions/licence-types/getLicenceType.ts";
import { listLicenceTypes } from "../actions/licence-types/listLicenceTypes.ts";
import type { OneWindowClient } from "../chain/client.ts";
import { DepartmentKind, Level } from "../chain/enums.ts";
import { SECONDS_PER_DAY } from "../calendar/days.ts";
import type {
  DistrictDepartment,
  DistrictLevel,
  DistrictLicenceType,
  DistrictMaterial,
  DistrictMatter,
} from "../district/types.ts";

/** Condition flags by name, as the designer names them: `C1` is bit 0, … `C32` bit 31. */
export const CONDITION_FLAGS: Readonly<Record<string, number>> = Object.fromEntries(
  Array.from({ length: 32 }, (_, i) => [`C${i + 1}`, 2 ** i]),
);

/**
 * The condition flags by name: the names the catalogue's metadata gives (`{ bit, code }`), and
 * `C<n>` for every bit it does not name.
 */
export function conditionFlagsOf(named: readonly { bit: number; code: string }[] = []): Record<string, number> {
  return Object.fromEntries(
    Array.from({ length: 32 }, (_, i) => [named.find((n) => n.bit === 2 ** i)?.code ?? `C${i + 1}`, 2 ** i]),
  );
}

/** The registries' `Level` as the district format's level name. */
export function levelName(level: number): DistrictLevel {
  return level === Level.National ? "national" : level === Level.Municipal ? "municipal" : "district";
}

/** A department on chain in the district format (its officers and key are read separately). */
export async function districtDepartmentOf(client: OneWindowClient, departmentId: number): Promise<DistrictDepartment> {
  const d = await getDepartment(client, { departmentId });
  return {
    code: d.code,
    name: d.name,
    level: levelName(d.level),
    kind: d.kind === DepartmentKind.PublicService ? "publicService" : "government",
    threshold: d.threshold,
  };
}

/** A licence type's current version on chain in the district format (issuers by department code). */
export async function districtLicenceTypeOf(client: OneWindowClient, typeId: number): Promise<DistrictLicenceType> {
  const [t, departments] = await Promise.all([getLicenceType(client, { typeId }), listDepartments(client)]);
  const codeOf = new Map(departments.map((d) => [d.departmentId, d.code]));
  return {
    code: t.code,
    name: t.name,
    level: levelName(t.version.level),
    defaultValidityDays: Math.round(t.version.defaultValidity / SECONDS_PER_DAY),
    issuers: t.version.issuers.map((id) => codeOf.get(id) ?? String(id)),
    fieldNames: [...t.version.fieldNames],
  };
}

/** A matter's version in the district format, with the rules it uses (address as code) and its condition flags. */
export type DistrictMatterOnChain = {
  matter: DistrictMatter;
  version: number;
  /** Rules by code (the code is the rule's address): pass as `rules` to `planDistrict`. */
  rules: Record<string, Address>;
};

/**
 * A matter's version (default: current) in the district format: departments, licence types and
 * linked matters by code, rules by address, condition flags by name (`conditions`, default {@link CONDITION_FLAGS}).
 */
export async function districtMatterOf(
  client: OneWindowClient,
  parameters: {
    matterId: number;
    version?: number | undefined;
    /** Condition flags by name (default {@link CONDITION_FLAGS}; see {@link conditionFlagsOf}). */
    conditions?: Readonly<Record<string, number>> | undefined;
  },
): Promise<DistrictMatterOnChain> {
  const [m, departments, types] = await Promise.all([
    getMatter(client, { matterId: parameters.matterId, version: parameters.version }),
    listDepartments(client),
    listLicenceTypes(client),
  ]);
  const department = new Map(departments.map((d) => [d.departmentId, d.code]));
  const type = new Map(types.map((t) => [t.typeId, t]));
  const flags = (mask: number | undefined) =>
    Object.entries(parameters.conditions ?? CONDITION_FLAGS)
      .filter(([, bit]) => ((mask ?? 0) & bit) !== 0)
      .map(([name]) => name);
  const rules: Record<string, Address> = {};
  const def = m.definition;
  const links = await Promise.all(
    (def.links ?? []).map(async (link) => ({
      matter: (await getMatter(client, { matterId: link.matterId })).code,
      mode: link.mode,
    })),
  );
  const matter: DistrictMatter = {
    code: m.code,
    name: m.name,
    steps: def.steps.map((s) => {
      if (s.rule !== undefined) rules[s.rule] = s.rule;
      return {
        department: department.get(s.departmentId) ?? String(s.departmentId),
        ...(s.dependsOn && s.dependsOn.length > 0 ? { dependsOn: [...s.dependsOn] } : {}),
        timeLimit: s.timeLimit,
        ...(s.rule === undefined ? {} : { rule: s.rule }),
        ...(s.issues === undefined ? {} : { issues: type.get(s.issues)?.code ?? String(s.issues) }),
      };
    }),
    materials: def.materials.map((x): DistrictMaterial => {
      const condition = flags(x.condition);
      const when = condition.length > 0 ? { condition } : {};
      if (x.kind === "upload") return { kind: "upload", name: x.name, ...when };
      const t = type.get(x.licenceTypeId);
      const fields = (t?.version.fieldNames ?? []).filter((_, i) => ((x.consent?.fieldMask ?? 0n) >> BigInt(i)) & 1n);
      return {
        kind: "licence",
        licenceType: t?.code ?? String(x.licenceTypeId),
        name: x.name,
        ...when,
        ...(x.consent === undefined
          ? {}
          : {
              consent: {
                department: department.get(x.consent.departmentId) ?? String(x.consent.departmentId),
                ...(fields.length > 0 ? { fields } : {}),
              },
            }),
      };
    }),
    ...(links.length > 0 ? { links } : {}),
    ...(def.visits ? { visits: def.visits } : {}),
    ...(def.baseline && (def.baseline.materials || def.baseline.workingDays || def.baseline.visits)
      ? { baseline: { ...def.baseline } }
      : {}),
  };
  return { matter, version: m.version, rules };
}
