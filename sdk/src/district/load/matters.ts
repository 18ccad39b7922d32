/** The steps of `applyDistrictPlan` that register and change service matters, and how a matter's codes become ids. */
import type { Address } from "viem";

import { getLicenceTypeByCode } from "../../actions/licence-types/getLicenceTypeByCode.ts";
import type { MatterDefinition, MaterialDefinition } from "../../actions/catalogue/internal/definition.ts";
import { publishMatterVersion } from "../../actions/catalogue/publishMatterVersion.ts";
import { registerMatter } from "../../actions/catalogue/registerMatter.ts";
import { setMatterActive } from "../../actions/catalogue/setMatterActive.ts";
import { readContract } from "../../chain/read.ts";
import { fieldMaskOf } from "../../licence/mask.ts";
import type { DistrictMatter } from "../types.ts";
import { matterOrder } from "./order.ts";
import type { DistrictLoad } from "./state.ts";

/** Stands for a rule not deployed yet while a matter's shape is checked or compared. */
export const PLACEHOLDER_RULE: Address = "0x0000000000000000000000000000000000000001";

/**
 * A district matter as the catalogue's definition, its codes resolved to the ids known so far (a
 * rule not deployed yet becomes `unknownRule`) and its consent fields to masks.
 */
export async function resolvedDefinition(
  load: DistrictLoad,
  m: DistrictMatter,
  unknownRule?: Address,
): Promise<MatterDefinition> {
  const { client, conditions, departmentIds, typeIds, matterIds, knownRules } = load;
  const fieldsOf = async (code: string): Promise<readonly string[]> => {
    const inData = load.licenceTypes.find((t) => t.code === code);
    if (inData) return inData.fieldNames;
    return (await getLicenceTypeByCode(client, { code }))!.version.fieldNames;
  };
  const consentFields = new Map<string, bigint>();
  for (const material of m.materials) {
    if (material.kind === "licence" && material.consent?.fields) {
      consentFields.set(
        material.licenceType + "/" + material.name,
        fieldMaskOf(await fieldsOf(material.licenceType), material.consent.fields),
      );
    }
  }
  return definitionOf(m, {
    department: (code) => departmentIds.get(code)!,
    type: (code) => typeIds.get(code)!,
    rule: (code) => knownRules.get(code) ?? unknownRule!,
    matter: (code) => matterIds.get(code)!,
    condition: (name) => conditions[name]!,
    fields: (typeCode, name) => consentFields.get(typeCode + "/" + name) ?? 0n,
  });
}

/** Registers the matters the plan adds, each after the matters it links to. */
export async function loadMatters(load: DistrictLoad): Promise<void> {
  const { client, check, matters, matterIds, report } = load;
  const planned = new Set(load.changes.filter((c) => c.kind === "matter" && c.action === "add").map((c) => c.code));
  const missing = matters.filter((m) => planned.has(m.code));
  for (const m of matters) if (!planned.has(m.code) && matterIds.has(m.code)) report("matter", m.code);
  for (const level of matterOrder(check, missing, matterIds)) {
    await Promise.all(
      level.map(async (m) => {
        const { matterId, hash } = await registerMatter(client, await resolvedDefinition(load, m));
        matterIds.set(m.code, matterId);
        report("matter", m.code, hash);
      }),
    );
  }
}

/** Publishes the plan's new matter versions and (de)activates the matters it names. */
export async function updateMatters(load: DistrictLoad): Promise<void> {
  const { client, matters, matterIds, reportUpdate } = load;
  await Promise.all(
    load.changes
      .filter((c) => c.kind === "matter" && c.action !== "add")
      .map(async (c) => {
        if (c.action === "newVersion") {
          const m = matters.find((x) => x.code === c.code)!;
          const { hash } = await publishMatterVersion(client, {
            ...(await resolvedDefinition(load, m)),
            matterId: matterIds.get(c.code)!,
          });
          return reportUpdate("matter", c.code, hash);
        }
        const matterId =
          matterIds.get(c.code) ??
          (await readContract(client, { contract: "ServiceCatalog", functionName: "matterIdByCode", args: [c.code] }));
        const { hash } = await setMatterActive(client, { matterId, active: c.action === "reactivate" });
        reportUpdate("matter", c.code, hash);
      }),
  );
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
