/**
 * Licence files held by this node (`licences`): issued through it (`pending` until the chain has
 * them), or deposited by their issuing department. Output licences held before the chain names
 * them (`pending_output`) are in outputs.ts.
 */
import type { Queryable } from "../db/index.ts";

/** A licence row as the routes and jobs read it. */
export type LicenceRow = {
  licence_id: string;
  holder: string;
  issuer_department: number;
  type_id: number;
  type_version: number;
};

/** The sealed file and holder of an issued licence, if this node has it. */
export async function issuedLicence(
  db: Queryable,
  licenceId: string,
): Promise<{ sealed_file: Uint8Array; holder: string } | undefined> {
  const rows = await db.query<{ sealed_file: Uint8Array; holder: string }>(
    "SELECT sealed_file, holder FROM licences WHERE licence_id = $1 AND state = 'issued'",
    [licenceId],
  );
  return rows[0];
}

/** The holder's issued licences, oldest first. */
export async function issuedLicencesOf(
  db: Queryable,
  holder: string,
): Promise<(Omit<LicenceRow, "holder"> & { issued_at: Date })[]> {
  return db.query(
    `SELECT licence_id, type_id, type_version, issuer_department, issued_at FROM licences
     WHERE holder = $1 AND state = 'issued' ORDER BY issued_at, licence_id`,
    [holder],
  );
}

/** Write-ahead of an issue: the file stored `pending` (never served) before its id goes on chain. */
export async function insertPendingIssue(db: Queryable, row: LicenceRow & { sealed_file: Uint8Array }): Promise<void> {
  await db.query(
    `INSERT INTO licences (licence_id, holder, issuer_department, type_id, type_version, state, sealed_file)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6)`,
    [row.licence_id, row.holder, row.issuer_department, row.type_id, row.type_version, row.sealed_file],
  );
}

/** The issue went on chain in transaction `txHash` (null: on chain, the hash unknown). */
export async function markIssuedInTransaction(db: Queryable, licenceId: string, txHash: string | null): Promise<void> {
  await db.query("UPDATE licences SET state = 'issued', tx_hash = $2, issued_at = now() WHERE licence_id = $1", [
    licenceId,
    txHash,
  ]);
}

/** A pending issue the chain has now. */
export async function markIssued(db: Queryable, licenceId: string): Promise<void> {
  await db.query("UPDATE licences SET state = 'issued', issued_at = now() WHERE licence_id = $1", [licenceId]);
}

/** Deletes a pending issue (never on chain). */
export async function deletePendingIssue(db: Queryable, licenceId: string): Promise<void> {
  await db.query("DELETE FROM licences WHERE licence_id = $1 AND state = 'pending'", [licenceId]);
}

/** Pending issues older than `seconds`, with their age in seconds. */
export async function pendingIssuesOlderThan(
  db: Queryable,
  seconds: number,
): Promise<{ licence_id: string; issuer_department: number; age: number }[]> {
  return db.query(
    `SELECT licence_id, issuer_department, extract(epoch FROM now() - created_at)::float8 AS age
     FROM licences WHERE state = 'pending' AND created_at < now() - make_interval(secs => $1)`,
    [seconds],
  );
}

/** Stores a deposited licence (issued on chain at `issuedAt`); `false` when the id is held already. */
export async function insertDeposited(
  tx: Queryable,
  row: LicenceRow & { sealed_file: Uint8Array; issued_at: number; deposited_by: string },
): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO licences (licence_id, holder, issuer_department, type_id, type_version, state, sealed_file,
       issued_at, origin, deposited_by)
     VALUES ($1, $2, $3, $4, $5, 'issued', $6, to_timestamp($7), 'deposited', $8)
     ON CONFLICT (licence_id) DO NOTHING RETURNING licence_id`,
    [
      row.licence_id,
      row.holder,
      row.issuer_department,
      row.type_id,
      row.type_version,
      row.sealed_file,
      row.issued_at,
      row.deposited_by,
    ],
  );
  return inserted.length > 0;
}

/** A held licence, locked for the rest of the transaction (the id must be held). */
export async function lockHeldLicence(
  tx: Queryable,
  licenceId: string,
): Promise<{ sealed_file: Uint8Array; state: string; application_id: string | null }> {
  const rows = await tx.query<{ sealed_file: Uint8Array; state: string; application_id: string | null }>(
    "SELECT sealed_file, state, application_id FROM licences WHERE licence_id = $1 FOR UPDATE",
    [licenceId],
  );
  return rows[0]!;
}
