/** Batch membership (`batch_members`): the licence ids known to be in a batch issued on chain. */
import type { Hex } from "viem";

import type { Queryable } from "../db/index.ts";

/** Records that `licenceIds` are in batch `batchRoot` (ids already recorded are kept once). */
export async function recordBatchMembers(db: Queryable, batchRoot: Hex, licenceIds: readonly Hex[]): Promise<void> {
  if (licenceIds.length === 0) return;
  await db.query(
    `INSERT INTO batch_members (batch_root, licence_id)
     SELECT $1, unnest($2::text[])
     ON CONFLICT DO NOTHING`,
    [batchRoot.toLowerCase(), licenceIds.map((id) => id.toLowerCase())],
  );
}

/** The licence ids recorded in batch `batchRoot`, sorted. */
export async function batchMembersOf(db: Queryable, batchRoot: Hex): Promise<Hex[]> {
  const rows = await db.query<{ licence_id: Hex }>(
    "SELECT licence_id FROM batch_members WHERE batch_root = $1 ORDER BY licence_id",
    [batchRoot.toLowerCase()],
  );
  return rows.map((r) => r.licence_id);
}
