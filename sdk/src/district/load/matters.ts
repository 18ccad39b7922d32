/** The step of `loadDistrict` that registers the service matters, and how a matter's codes become ids. */
import type { Address } from "viem";

import { getLicenceTypeByCode } from "../../actions/licence-types/getLicenceTypeByCode.ts";
import type { MatterDefinition, MaterialDefinition } from "../../actions/catalogue/internal/definition.ts";
import { registerMatter } from "../../actions/catalogue/registerMatter.ts";
import { fieldMaskOf } from "../../licence/mask.ts";
import type { DistrictMatter } from "../types.ts";
import { matterOrder } from "./order.ts";
import type { DistrictLoad } from "./state.ts";

/** Registers the matters not on chain yet, each after the matters it links to. */
export async function loadMatters(load: DistrictLoad): Promise<void> {
  const { client, check, matters, conditions, departmentIds, typeIds, matterIds, knownRules, report } = load;
  const missing = matters.filter((m) => !matterIds.has(m.code));
  const fieldNames = new Map<string, readonly string[]>(load.licenceTypes.map((t) => [t.code, t.fieldNames]));
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
}

/** How a matter's codes become chain ids. */
export type Resolve = {
  department: (code: string) => number;
  type: (code: string) => number;
  rule: (code: string) => Address;
  matter: (code: string) => number;
  condition: (name: string) => number;
  fields: (typeCode: string, materialName: string) => bigint;
};

/** A district matter as the catalogue's readable definition, its codes resolved. */
export function definitionOf(m: DistrictMatter, resolve: Resolve): MatterDefinition {
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
