/** Presentations (`presentations`): sealed disclosures a holder made, until they expire or are withdrawn. */
import type { Queryable } from "../db/index.ts";

/** A presentation as the routes read it (the sealed bytes only where asked for). */
export type PresentationRow = {
  id: string;
  holder: string;
  licenceId: string;
  createdAt: Date;
  expiresAt: Date;
  withdrawnAt: Date | null;
};

type Row = {
  id: string;
  holder: string;
  licence_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  withdrawn_at: Date | string | null;
};

const COLUMNS = "id, holder, licence_id, created_at, expires_at, withdrawn_at";

function fromRow(r: Row): PresentationRow {
  return {
    id: r.id,
    holder: r.holder,
    licenceId: r.licence_id,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    withdrawnAt: r.withdrawn_at === null ? null : new Date(r.withdrawn_at),
  };
}

export async function insertPresentation(
  db: Queryable,
  p: { id: string; holder: string; licenceId: string; ciphertext: Uint8Array; lifetimeSeconds: number },
): Promise<PresentationRow> {
  const rows = await db.query<Row>(
    `INSERT INTO presentations (id, holder, licence_id, ciphertext, expires_at)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
     RETURNING ${COLUMNS}`,
    [p.id, p.holder.toLowerCase(), p.licenceId.toLowerCase(), p.ciphertext, p.lifetimeSeconds],
  );
  return fromRow(rows[0]!);
}

/** One presentation with its sealed bytes and whether it is still live (now, by the database's clock). */
export async function presentation(
  db: Queryable,
  id: string,
): Promise<(PresentationRow & { ciphertext: Uint8Array; expired: boolean }) | undefined> {
  const rows = await db.query<Row & { ciphertext: Uint8Array; expired: boolean }>(
    `SELECT ${COLUMNS}, ciphertext, expires_at <= now() AS expired FROM presentations WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { ...fromRow(r), ciphertext: r.ciphertext, expired: r.expired } : undefined;
}

/** The holder's presentations, newest first. */
export async function presentationsOf(db: Queryable, holder: string): Promise<PresentationRow[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM presentations WHERE holder = $1 ORDER BY created_at DESC, id LIMIT 500`,
    [holder.toLowerCase()],
  );
  return rows.map(fromRow);
}

/**
 * Withdraws a presentation of `holder` (and forgets its sealed bytes); someone else's and an unknown
 * one are the same miss. Withdrawing twice keeps the first time.
 */
export async function withdrawPresentation(
  db: Queryable,
  id: string,
  holder: string,
): Promise<PresentationRow | undefined> {
  const rows = await db.query<Row>(
    `UPDATE presentations SET withdrawn_at = coalesce(withdrawn_at, now()), ciphertext = '\\x'::bytea
     WHERE id = $1 AND holder = $2 RETURNING ${COLUMNS}`,
    [id, holder.toLowerCase()],
  );
  return rows[0] ? fromRow(rows[0]) : undefined;
}
