/** LicenceTypeRegistry: licence types and their versioned schemas. */
import { ponder } from "./lib/registry.ts";
import { LicenceType, LicenceTypeVersion } from "ponder:schema";

ponder.on("LicenceTypeRegistry:LicenceTypeRegistered", async ({ event, context }) => {
  await context.db.insert(LicenceType).values({
    id: String(event.args.typeId),
    code: event.args.code,
    name: event.args.name,
    currentVersion: 0,
    active: true,
    registeredAt: event.block.timestamp,
    deactivatedAt: null,
  });
});

ponder.on("LicenceTypeRegistry:LicenceTypeVersionPublished", async ({ event, context }) => {
  const a = event.args;
  const typeId = String(a.typeId);
  await context.db.insert(LicenceTypeVersion).values({
    id: `${typeId}-${a.version}`,
    licenceType: typeId,
    version: a.version,
    level: a.level,
    publishedAt: BigInt(a.publishedAt),
    defaultValidity: BigInt(a.defaultValidity),
    fieldNames: [...a.fieldNames],
    issuers: a.issuers.map(String),
  });
  await context.db
    .update(LicenceType, { id: typeId })
    .set((row) => ({ currentVersion: Math.max(row.currentVersion, a.version) }));
});

ponder.on("LicenceTypeRegistry:LicenceTypeDeactivated", async ({ event, context }) => {
  await context.db
    .update(LicenceType, { id: String(event.args.typeId) })
    .set({ active: false, deactivatedAt: BigInt(event.args.deactivatedAt) });
});
