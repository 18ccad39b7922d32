/** RestrictionList: listed subjects (hashed) and the departments allowed to list. */
import { ponder } from "./lib/registry.ts";
import { Department, Restriction, RestrictionEvent } from "ponder:schema";

import { eventId, lower } from "./lib/ids.ts";
import { eventMeta } from "./lib/store.ts";

ponder.on("RestrictionList:ListerSet", async ({ event, context }) => {
  const id = String(event.args.departmentId);
  if (await context.db.find(Department, { id })) {
    await context.db.update(Department, { id }).set({ lister: event.args.allowed, updatedAt: event.block.timestamp });
  }
});

ponder.on("RestrictionList:SubjectListed", async ({ event, context }) => {
  const a = event.args;
  const values = {
    department: String(a.departmentId),
    reason: a.reason,
    listedAt: BigInt(a.listedAt),
    expiresAt: BigInt(a.expiresAt),
    listed: true,
    unlistedAt: null,
    officer: lower(a.officer),
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(Restriction)
    .values({ id: lower(a.subject), ...values })
    .onConflictDoUpdate(values);
  await context.db.insert(RestrictionEvent).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    kind: "Listed",
    subject: lower(a.subject),
    department: String(a.departmentId),
    reason: a.reason,
    officer: lower(a.officer),
    ...eventMeta(event),
  });
});

ponder.on("RestrictionList:SubjectUnlisted", async ({ event, context }) => {
  const a = event.args;
  await context.db
    .update(Restriction, { id: lower(a.subject) })
    .set({ listed: false, unlistedAt: BigInt(a.timestamp), updatedAt: event.block.timestamp });
  await context.db.insert(RestrictionEvent).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    kind: "Unlisted",
    subject: lower(a.subject),
    department: String(a.departmentId),
    reason: 0,
    officer: lower(a.officer),
    ...eventMeta(event),
  });
});
