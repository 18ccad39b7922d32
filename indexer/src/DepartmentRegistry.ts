/** DepartmentRegistry: departments, their officers (m of n) and their officer-set epoch. */
import { ponder } from "./lib/registry.ts";
import { Department, SealKey } from "ponder:schema";

import { lower } from "./lib/ids.ts";

ponder.on("DepartmentRegistry:DepartmentRegistered", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(Department).values({
    id: String(a.departmentId),
    code: a.code,
    name: a.name,
    level: a.level,
    kind: a.kind,
    encryptionKey: lower(a.encryptionKey),
    officers: a.officers.map(lower),
    threshold: a.threshold,
    officersEpoch: 1,
    active: true,
    lister: false,
    registeredAt: event.block.timestamp,
    updatedAt: event.block.timestamp,
  });
});

ponder.on("DepartmentRegistry:DepartmentUpdated", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(Department, { id: String(a.departmentId) }).set({
    code: a.code,
    name: a.name,
    level: a.level,
    kind: a.kind,
    encryptionKey: lower(a.encryptionKey),
    updatedAt: event.block.timestamp,
  });
});

ponder.on("DepartmentRegistry:OfficersChanged", async ({ event, context }) => {
  await context.db.update(Department, { id: String(event.args.departmentId) }).set((row) => ({
    officers: event.args.officers.map(lower),
    threshold: event.args.threshold,
    officersEpoch: row.officersEpoch + 1,
    updatedAt: event.block.timestamp,
  }));
});

ponder.on("DepartmentRegistry:OfficerRenounced", async ({ event, context }) => {
  const officer = lower(event.args.officer);
  await context.db.update(Department, { id: String(event.args.departmentId) }).set((row) => ({
    officers: removeSwapPop(row.officers, officer),
    officersEpoch: row.officersEpoch + 1,
    updatedAt: event.block.timestamp,
  }));
});

ponder.on("DepartmentRegistry:DepartmentActiveChanged", async ({ event, context }) => {
  await context.db
    .update(Department, { id: String(event.args.departmentId) })
    .set({ active: event.args.active, updatedAt: event.block.timestamp });
});

ponder.on("DepartmentRegistry:SealKeySet", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(SealKey).values({
    id: `${a.departmentId}-${a.index}`,
    department: String(a.departmentId),
    index: a.index,
    publicKey: lower(a.publicKey),
    validFrom: BigInt(a.since),
    setBy: lower(a.setBy),
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
    logIndex: event.log.logIndex,
  });
});

/** The contract's removal: the last officer moves into the removed one's place. */
function removeSwapPop(officers: readonly `0x${string}`[], officer: `0x${string}`): `0x${string}`[] {
  const out = [...officers];
  const index = out.indexOf(officer);
  if (index < 0) return out;
  out[index] = out[out.length - 1]!;
  out.pop();
  return out;
}
