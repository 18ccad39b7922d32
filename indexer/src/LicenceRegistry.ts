/** LicenceRegistry: licences and batches, their status history, and verification evidence. */
import { LicenceState } from "@onewindow/sdk";
import { ponder } from "./lib/registry.ts";
import { Batch, Licence, LicenceStatusChange, Verification } from "ponder:schema";

import { eventId, lower, nonZero } from "./lib/ids.ts";
import { bumpDailyKpi, bumpDepartmentKpi, eventMeta, type Db } from "./lib/store.ts";

ponder.on("LicenceRegistry:LicenceIssued", async ({ event, context }) => {
  const a = event.args;
  const department = String(a.issuerDepartment);
  await context.db.insert(Licence).values({
    id: lower(a.licenceId),
    licenceType: String(a.typeId),
    typeVersion: a.typeVersion,
    issuer: department,
    batch: null,
    status: LicenceState.Issued,
    issuedAt: BigInt(a.issuedAt),
    expiresAt: BigInt(a.expiresAt),
    officer: lower(a.officer),
    replacedBy: null,
    replaces: null,
    verifications: 0,
    updatedAt: event.block.timestamp,
  });
  await history(context.db, event, "Issued", a.licenceId, null, department, 0, a.officer, null);
  await bumpDepartmentKpi(context.db, department, (row) => ({ licencesIssued: row.licencesIssued + 1 }));
  await bumpDailyKpi(context.db, event.block.timestamp, (row) => ({ licencesIssued: row.licencesIssued + 1 }));
});

ponder.on("LicenceRegistry:BatchIssued", async ({ event, context }) => {
  const a = event.args;
  const department = String(a.issuerDepartment);
  await context.db.insert(Batch).values({
    id: lower(a.batchRoot),
    licenceType: String(a.typeId),
    typeVersion: a.typeVersion,
    issuer: department,
    count: a.count,
    status: LicenceState.Issued,
    issuedAt: BigInt(a.issuedAt),
    expiresAt: BigInt(a.expiresAt),
    officer: lower(a.officer),
    verifications: 0,
    updatedAt: event.block.timestamp,
  });
  await history(context.db, event, "BatchIssued", a.batchRoot, null, department, 0, a.officer, null);
  await bumpDepartmentKpi(context.db, department, (row) => ({ licencesIssued: row.licencesIssued + a.count }));
  await bumpDailyKpi(context.db, event.block.timestamp, (row) => ({ licencesIssued: row.licencesIssued + a.count }));
});

ponder.on("LicenceRegistry:LicenceRevoked", async ({ event, context }) => {
  const a = event.args;
  await changeStatus(context.db, a.licenceId, a.batchRoot, LicenceState.Revoked, event.block.timestamp);
  await history(
    context.db,
    event,
    "Revoked",
    a.licenceId,
    a.batchRoot,
    String(a.issuerDepartment),
    a.reason,
    a.officer,
    null,
  );
});

ponder.on("LicenceRegistry:LicenceSuspended", async ({ event, context }) => {
  const a = event.args;
  await changeStatus(context.db, a.licenceId, a.batchRoot, LicenceState.Suspended, event.block.timestamp);
  await history(
    context.db,
    event,
    "Suspended",
    a.licenceId,
    a.batchRoot,
    String(a.issuerDepartment),
    a.reason,
    a.officer,
    null,
  );
});

ponder.on("LicenceRegistry:LicenceResumed", async ({ event, context }) => {
  const a = event.args;
  await changeStatus(context.db, a.licenceId, a.batchRoot, LicenceState.Issued, event.block.timestamp);
  await history(context.db, event, "Resumed", a.licenceId, a.batchRoot, String(a.issuerDepartment), 0, a.officer, null);
});

ponder.on("LicenceRegistry:LicenceReplaced", async ({ event, context }) => {
  const a = event.args;
  const oldId = lower(a.oldLicenceId);
  const newId = lower(a.newLicenceId);
  if (await context.db.find(Licence, { id: oldId })) {
    await context.db.update(Licence, { id: oldId }).set({ replacedBy: newId, updatedAt: event.block.timestamp });
  }
  await context.db.update(Licence, { id: newId }).set({ replaces: oldId, updatedAt: event.block.timestamp });
  await history(
    context.db,
    event,
    "Replaced",
    a.oldLicenceId,
    null,
    String(a.issuerDepartment),
    0,
    null,
    a.newLicenceId,
  );
});

ponder.on("LicenceRegistry:LicenceVerified", async ({ event, context }) => {
  const a = event.args;
  const licenceId = lower(a.licenceId);
  const department = String(a.verifierDepartment);
  await context.db.insert(Verification).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    licence: licenceId,
    department,
    purpose: lower(a.purpose),
    fieldMask: a.fieldMask,
    result: a.result,
    officer: lower(a.officer),
    ...eventMeta(event),
  });
  if (await context.db.find(Licence, { id: licenceId })) {
    await context.db.update(Licence, { id: licenceId }).set((row) => ({ verifications: row.verifications + 1 }));
  } else if (await context.db.find(Batch, { id: licenceId })) {
    await context.db.update(Batch, { id: licenceId }).set((row) => ({ verifications: row.verifications + 1 }));
  }
  await bumpDepartmentKpi(context.db, department, (row) => ({ verifications: row.verifications + 1 }));
  await bumpDailyKpi(context.db, event.block.timestamp, (row) => ({ verifications: row.verifications + 1 }));
});

/** Applies a status change to a batch root, a licence, or a batch member (created from its batch). */
async function changeStatus(db: Db, licenceId: string, batchRoot: string, status: number, at: bigint): Promise<void> {
  const id = lower(licenceId);
  const root = nonZero(batchRoot);
  if (root === null) {
    if (await db.find(Batch, { id })) {
      await db.update(Batch, { id }).set({ status, updatedAt: at });
    } else {
      await db.update(Licence, { id }).set({ status, updatedAt: at });
    }
    return;
  }
  if (await db.find(Licence, { id })) {
    await db.update(Licence, { id }).set({ status, updatedAt: at });
    return;
  }
  const batch = await db.find(Batch, { id: root });
  if (!batch) return;
  await db.insert(Licence).values({
    id,
    licenceType: batch.licenceType,
    typeVersion: batch.typeVersion,
    issuer: batch.issuer,
    batch: root,
    status,
    issuedAt: batch.issuedAt,
    expiresAt: batch.expiresAt,
    officer: null,
    replacedBy: null,
    replaces: null,
    verifications: 0,
    updatedAt: at,
  });
}

type EventLike = Parameters<typeof eventMeta>[0];

async function history(
  db: Db,
  event: EventLike,
  kind: string,
  licence: string,
  batch: string | null,
  department: string,
  reason: number,
  officer: string | null,
  newLicence: string | null,
): Promise<void> {
  await db.insert(LicenceStatusChange).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    kind,
    licence: lower(licence),
    batch: batch === null ? null : nonZero(batch),
    department,
    reason,
    officer: officer === null ? null : lower(officer),
    newLicence: newLicence === null ? null : lower(newLicence),
    ...eventMeta(event),
  });
}
