/**
 * Output licences held before the chain issues them (`licences` rows in state `pending_output`,
 * with their application and step): promoted to `issued` once the ApprovalEngine issues one,
 * deleted once the application finishes otherwise. They are inserted with `insertLicence` (licences.ts).
 */
import type { Queryable } from "../db/index.ts";

export type PendingOutput = {
  licence_id: string;
  application_id: string;
  issuer_department: number;
  sealed_file: Uint8Array;
};

/** Pending outputs, oldest first: all, a holder's, or one licence id of a holder's. */
export async function pendingOutputs(db: Queryable, holder?: string, licenceId?: string): Promise<PendingOutput[]> {
  const [where, params] =
    holder === undefined
      ? ["true", []]
      : licenceId === undefined
        ? ["holder = $1", [holder]]
        : ["holder = $1 AND licence_id = $2", [holder, licenceId]];
  return db.query<PendingOutput>(
    `SELECT licence_id, application_id, issuer_department, sealed_file FROM licences
     WHERE state = 'pending_output' AND ${where} ORDER BY created_at`,
    params,
  );
}

/** A pending output becomes an issued licence (origin `output`); `false` if it was no longer pending. */
export async function promotePendingOutput(
  tx: Queryable,
  licenceId: string,
  sealedFile: Uint8Array,
  issuedAt: number,
): Promise<boolean> {
  const promoted = await tx.query(
    `UPDATE licences SET state = 'issued', origin = 'output', sealed_file = $2, issued_at = to_timestamp($3)
     WHERE licence_id = $1 AND state = 'pending_output' RETURNING licence_id`,
    [licenceId, sealedFile, issuedAt],
  );
  return promoted.length > 0;
}

/** Deletes the application's other pending outputs (not `keptLicenceId`). */
export async function deleteOtherPendingOutputs(tx: Queryable, applicationId: string, keptLicenceId: string) {
  await tx.query("DELETE FROM licences WHERE application_id = $1 AND state = 'pending_output' AND licence_id <> $2", [
    applicationId,
    keptLicenceId,
  ]);
}

/** Deletes one pending output. */
export async function deletePendingOutput(db: Queryable, licenceId: string): Promise<void> {
  await db.query("DELETE FROM licences WHERE licence_id = $1 AND state = 'pending_output'", [licenceId]);
}
