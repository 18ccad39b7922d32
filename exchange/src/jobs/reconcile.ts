/**
 * The maintenance job main.ts runs at start and every minute (also `app.exchange.reconcile()`).
 */
import { getLicence } from "@onewindow/sdk";
import type { Hex } from "viem";

import type { ExchangeContext } from "../context.ts";
import { deletePendingIssue, markIssued, pendingIssuesOlderThan } from "../store/licences.ts";
import { deleteExpiredSignIns } from "../store/sessions.ts";
import { sweepAbandonedUploads } from "../upload-files.ts";
import { settleOutputs } from "./settle-outputs.ts";

export type ReconcileResult = {
  issued: number;
  dropped: number;
  outputs: number;
  outputsDropped: number;
  /** Temporary files of uploads that never finished, removed (upload-files.ts). */
  abandonedUploads: number;
};

/**
 * Settles licences left `pending` (the process stopped between sending and recording):
 * marked issued if the chain has them, dropped when older than `pendingTimeoutSeconds` and
 * not on chain. Promotes pending output licences the ApprovalEngine issued (`outputs`) and
 * deletes those of applications that finished otherwise (`outputsDropped`). Also deletes
 * expired nonces and sessions, and the temporary files of uploads left unfinished by a stop.
 */
export async function reconcile(
  ctx: ExchangeContext,
  options: { olderThanSeconds?: number } = {},
): Promise<ReconcileResult> {
  const { db, client, log } = ctx;
  const olderThan = options.olderThanSeconds ?? 60;
  const pending = await pendingIssuesOlderThan(db, olderThan);
  let issued = 0;
  let dropped = 0;
  for (const row of pending) {
    const onChain = await getLicence(client, { licenceId: row.licence_id as Hex });
    if (onChain && onChain.issuerDepartment === row.issuer_department) {
      await markIssued(db, row.licence_id);
      issued += 1;
    } else if (Number(row.age) > ctx.pendingTimeoutSeconds) {
      await deletePendingIssue(db, row.licence_id);
      dropped += 1;
    }
  }
  // Output licences held before they were on chain: promoted once issued, deleted once the application finished otherwise.
  const outputs = await settleOutputs(ctx);
  await deleteExpiredSignIns(db);
  const abandonedUploads = await sweepAbandonedUploads(ctx.uploadDir);
  const result = { issued, dropped, outputs: outputs.issued, outputsDropped: outputs.dropped, abandonedUploads };
  if (Object.values(result).some((count) => count > 0)) log({ event: "reconciled", ...result });
  return result;
}
