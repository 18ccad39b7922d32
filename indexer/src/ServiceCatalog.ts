/** ServiceCatalog: service matters and their versions (steps DAG, materials, links, baseline). */
import { MaterialKind } from "@onewindow/sdk";
import { ponder } from "./lib/registry.ts";
import { Matter, MatterVersion } from "ponder:schema";

import { lower } from "./lib/ids.ts";

ponder.on("ServiceCatalog:MatterRegistered", async ({ event, context }) => {
  await context.db.insert(Matter).values({
    id: String(event.args.matterId),
    code: event.args.code,
    name: event.args.name,
    active: true,
    currentVersion: 0,
    registeredAt: event.block.timestamp,
  });
});

ponder.on("ServiceCatalog:MatterVersionPublished", async ({ event, context }) => {
  const { matterId, version, data, publishedAt } = event.args;
  const matter = String(matterId);
  const limits = data.steps.map((s) => s.timeLimit);
  await context.db.insert(MatterVersion).values({
    id: `${matter}-${version}`,
    matter,
    version,
    stepCount: data.steps.length,
    stepDepartments: data.steps.map((s) => String(s.departmentId)),
    stepDependsOn: data.steps.map((s) => s.dependsOn),
    stepTimeLimits: limits,
    stepRules: data.steps.map((s) => lower(s.rule)),
    sequentialWorkingDays: limits.reduce((sum, days) => sum + days, 0),
    criticalPathWorkingDays: criticalPath(
      data.steps.map((s) => s.dependsOn),
      limits,
    ),
    materialCount: data.materials.length,
    materialKinds: data.materials.map((m) => m.kind),
    materialLicenceTypes: data.materials.map((m) => String(m.licenceTypeId)),
    materialConditions: data.materials.map((m) => BigInt(m.condition)),
    materialNames: data.materials.map((m) => m.name),
    licenceMaterials: data.materials.filter((m) => m.kind === MaterialKind.Licence && m.condition === 0).length,
    uploadMaterials: data.materials.filter((m) => m.kind === MaterialKind.Upload && m.condition === 0).length,
    outputLicenceType: data.outputLicenceTypeId === 0 ? null : String(data.outputLicenceTypeId),
    outputStep: data.outputStep,
    visits: data.visits,
    linkedMatters: data.links.map((l) => String(l.matterId)),
    linkModes: data.links.map((l) => l.mode),
    baselineMaterials: data.baseline.materials,
    baselineWorkingDays: data.baseline.workingDays,
    baselineVisits: data.baseline.visits,
    publishedAt: BigInt(publishedAt),
  });
  await context.db
    .update(Matter, { id: matter })
    .set((row) => ({ currentVersion: Math.max(row.currentVersion, version) }));
});

ponder.on("ServiceCatalog:MatterActiveChanged", async ({ event, context }) => {
  await context.db.update(Matter, { id: String(event.args.matterId) }).set({ active: event.args.active });
});

/** Longest path through the DAG: cp[i] = limit[i] + max(cp[j] for j in dependsOn(i)). */
function criticalPath(dependsOn: readonly number[], limits: readonly number[]): number {
  const cp: number[] = [];
  let longest = 0;
  for (let i = 0; i < limits.length; i++) {
    let before = 0;
    for (let j = 0; j < i; j++) if ((dependsOn[i]! >>> j) & 1) before = Math.max(before, cp[j]!);
    cp.push(before + limits[i]!);
    longest = Math.max(longest, cp[i]!);
  }
  return longest;
}
