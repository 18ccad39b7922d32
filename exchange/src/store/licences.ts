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
  /** The licence's field names (its type's public schema labels; never values). */
  field_names: readonly string[];
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

/**
 * The sealed file of an issued licence if `holder` holds it: one statement, answered the same way
 * (no row, nothing opened) for a licence held by someone else as for one this node does not hold.
 */
export async function issuedLicenceOfHolder(
  db: Queryable,
  licenceId: string,
  holder: string,
): Promise<Uint8Array | undefined> {
  const rows = await db.query<{ sealed_file: Uint8Array }>(
    "SELECT sealed_file FROM licences WHERE licence_id = $1 AND holder = $2 AND state = 'issued'",
    [licenceId, holder],
  );
  return rows[0]?.sealed_file;
}

/**
 * What a consent check needs of an issued licence, in one read: holder, field names (null for rows
 * written before migration 004) and the sealed file, opened only if the consent is granted.
 */
export async function issuedLicenceForCheck(
  db: Queryable,
  licenceId: string,
): Promise<{ holder: string; field_names: string[] | null; sealed_file: Uint8Array } | undefined> {
  const rows = await db.query<{ holder: string; field_names: string[] | string | null; sealed_file: Uint8Array }>(
    "SELECT holder, field_names, sealed_file FROM licences WHERE licence_id = $1 AND state = 'issued'",
    [licenceId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const names = typeof row.field_names === "string" ? (JSON.parse(row.field_names) as string[]) : row.field_names;
  return { holder: row.holder, field_names: names, sealed_file: row.sealed_file };
}

/** Records the field names of a row written before they were kept (migration 004). */
export async function setFieldNames(db: Queryable, licenceId: string, fieldNames: readonly string[]): Promise<void> {
  await db.query("UPDATE licences SET field_names = $2::jsonb WHERE licence_id = $1 AND field_names IS NULL", [
    licenceId,
    JSON.stringify(fieldNames),
  ]);
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

/** Every column a new licence row may set; the three ways in (issue, deposit, output) fill in their own. */
export type NewLicence = LicenceRow & {
  state: "pending" | "issued" | "pending_output";
  sealed_file: Uint8Array;
  origin?: "issued" | "deposited" | "output";
  issued_at?: number; // Unix seconds (the chain's record)
  deposited_by?: string;
  application_id?: string;
  output_step?: number;
};

/** Inserts a licence row; `false` when the id is held already (nothing written). */
export async function insertLicence(tx: Queryable, row: NewLicence): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO licences (licence_id, holder, issuer_department, type_id, type_version, field_names, state,
       sealed_file, origin, issued_at, deposited_by, application_id, output_step)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, to_timestamp($10), $11, $12, $13)
     ON CONFLICT (licence_id) DO NOTHING RETURNING licence_id`,
    [
      row.licence_id,
      row.holder,
      row.issuer_department,
      row.type_id,
      row.type_version,
      JSON.stringify(row.field_names),
      row.state,
      row.sealed_file,
      row.origin ?? "issued",
      row.issued_at ?? null,
      row.deposited_by ?? null,
      row.application_id ?? null,
      row.output_step ?? null,
    ],
  );
  return inserted.length > 0;
}

/** The issue went on chain in transaction `txHash` (null: on chain, the hash unknown). */
export async function markIssuedInTransaction(db: Queryable, licenceId: string, txHash: string | null): Promise<void> {
  await db.query("UPDATE licences SET state = 'issued', tx_hash = $2, issued_at = now() WHERE licence_id = $1", [
    licenceId,
    txHash,
  ]);
}

/** Replaces an issued licence's file (sealed at rest) with its nationally sealed version. */
export async function replaceIssuedFile(db: Queryable, licenceId: string, sealedFile: Uint8Array): Promise<void> {
  await db.query("UPDATE licences SET sealed_file = $2 WHERE licence_id = $1 AND state = 'issued'", [
    licenceId,
    sealedFile,
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
