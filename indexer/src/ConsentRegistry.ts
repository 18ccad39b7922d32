/** ConsentRegistry: holder → department consents, granted and revoked. */
import { ponder } from "./lib/registry.ts";
import { Consent, ConsentEvent } from "ponder:schema";

import { eventId, lower } from "./lib/ids.ts";
import { eventMeta } from "./lib/store.ts";

ponder.on("ConsentRegistry:ConsentGranted", async ({ event, context }) => {
  const a = event.args;
  const values = {
    holder: lower(a.holder),
    department: String(a.departmentId),
    licence: lower(a.licenceId),
    fieldMask: a.fieldMask,
    purpose: lower(a.purpose),
    grantedAt: BigInt(a.grantedAt),
    expiresAt: BigInt(a.expiresAt),
    revoked: false,
    revokedAt: null,
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(Consent)
    .values({ id: lower(a.consentId), ...values, grants: 1 })
    .onConflictDoUpdate((row) => ({ ...values, grants: row.grants + 1 }));
  await context.db.insert(ConsentEvent).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    kind: "Granted",
    consent: lower(a.consentId),
    holder: lower(a.holder),
    department: String(a.departmentId),
    ...eventMeta(event),
  });
});

ponder.on("ConsentRegistry:ConsentRevoked", async ({ event, context }) => {
  const a = event.args;
  await context.db
    .update(Consent, { id: lower(a.consentId) })
    .set({ revoked: true, revokedAt: BigInt(a.timestamp), updatedAt: event.block.timestamp });
  await context.db.insert(ConsentEvent).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    kind: "Revoked",
    consent: lower(a.consentId),
    holder: lower(a.holder),
    department: String(a.departmentId),
    ...eventMeta(event),
  });
});
