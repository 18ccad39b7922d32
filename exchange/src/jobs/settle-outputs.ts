/**
 * Output settlement: output licences held before the chain issued them are promoted once the
 * ApprovalEngine issues one and deleted once their application finishes otherwise. Run by
 * `reconcile`, and for one holder before their licences are listed or read.
 */
import {
  ApplicationStatus,
  getApplication,
  LicenceStatus,
  sealLicence as applyNationalSeal,
  serializeLicenceFile,
  UnknownApplicationError,
  verifyLicence,
} from "@onewindow/sdk";
import type { Hex } from "viem";

import type { ExchangeContext } from "../context.ts";
import type { Queryable } from "../db/index.ts";
import { matchesRecord, parseSealedLicence, sealLicence, withChainTimes } from "../licence-files.ts";
import {
  deleteOtherPendingOutputs,
  deletePendingOutput,
  pendingOutputs,
  promotePendingOutput,
  type PendingOutput,
} from "../store/outputs.ts";

/**
 * A pending output the chain issued becomes the holder's licence (origin `output`, the chain's
 * issue and expiry times); the other pending outputs of its application are deleted.
 */
export async function promoteOutput(
  ctx: ExchangeContext,
  tx: Queryable,
  row: { licenceId: string; applicationId: string },
  canonical: string,
  issuedAt: number,
): Promise<boolean> {
  const sealedFile = sealLicence(ctx.dataKey, canonical, row.licenceId);
  const promoted = await promotePendingOutput(tx, row.licenceId, sealedFile, issuedAt);
  await deleteOtherPendingOutputs(tx, row.applicationId, row.licenceId);
  return promoted;
}

/**
 * Settles one pending output against the chain: `issued` (the application completed with this
 * id, issued by the row's department, matching the file, not revoked: promoted), `dropped` (the
 * application finished otherwise, or the chain's licence is not this file: deleted) or `pending`
 * (the application is still open, or the chain's record is not visible yet).
 */
async function settleOutput(ctx: ExchangeContext, row: PendingOutput): Promise<"issued" | "dropped" | "pending"> {
  const { client, db, log } = ctx;
  const drop = async (why: string) => {
    await deletePendingOutput(db, row.licence_id);
    log({ event: "outputDropped", licenceId: row.licence_id, applicationId: row.application_id, why });
    return "dropped" as const;
  };
  let application;
  try {
    application = await getApplication(client, { applicationId: row.application_id as Hex });
  } catch (error) {
    if (error instanceof UnknownApplicationError) return drop("unknownApplication");
    throw error;
  }
  if (application.status === ApplicationStatus.Active || application.status === ApplicationStatus.Returned)
    return "pending";
  if (
    application.status !== ApplicationStatus.Completed ||
    application.outputLicenceId?.toLowerCase() !== row.licence_id
  )
    return drop("finishedOtherwise");
  const file = parseSealedLicence(ctx.dataKey, row.sealed_file, row.licence_id);
  const verdict = await verifyLicence(client, { file });
  if (!verdict.record) return "pending";
  if (verdict.record.issuerDepartment !== row.issuer_department || !matchesRecord(verdict))
    return drop("recordMismatch");
  if (verdict.status.status === LicenceStatus.Revoked) return drop("revoked");
  // The issuing department's national seal, when this node holds its seal key (docs/seal.md).
  const sealKey = ctx.sealKeys.get(row.issuer_department);
  let canonical = withChainTimes(file, verdict.record);
  if (sealKey !== undefined) {
    try {
      canonical = serializeLicenceFile(await applyNationalSeal(client, { file, privateKey: sealKey }));
    } catch (error) {
      // Promoted all the same: the holder gets the unsealed file, its seal part says "absent".
      log({
        event: "sealFailed",
        licenceId: row.licence_id,
        error: (error as { code?: string }).code ?? (error as Error).name,
      });
    }
  }
  const promoted = await db.transaction((tx) =>
    promoteOutput(
      ctx,
      tx,
      { licenceId: row.licence_id, applicationId: row.application_id },
      canonical,
      verdict.record!.issuedAt,
    ),
  );
  if (promoted) log({ event: "outputIssued", licenceId: row.licence_id, departmentId: row.issuer_department });
  return "issued";
}

/** The pending outputs (all, a holder's, or one of a holder's), settled one by one. */
export async function settleOutputs(
  ctx: ExchangeContext,
  holder?: string,
  licenceId?: string,
): Promise<{ issued: number; dropped: number }> {
  const rows = await pendingOutputs(ctx.db, holder, licenceId);
  let issued = 0;
  let dropped = 0;
  for (const row of rows) {
    const outcome = await settleOutput(ctx, row);
    if (outcome === "issued") issued += 1;
    if (outcome === "dropped") dropped += 1;
  }
  return { issued, dropped };
}

/** A holder asking for their licences does not wait for `reconcile`: their pending outputs are settled first. */
export async function settleOutputsOf(ctx: ExchangeContext, holder: string, licenceId?: string): Promise<void> {
  try {
    await settleOutputs(ctx, holder, licenceId);
  } catch (error) {
    // The chain unreachable: answer with what is issued; `reconcile` settles them later.
    ctx.log({ event: "settleOutputsFailed", error: (error as Error).name });
  }
}
