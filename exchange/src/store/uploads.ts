/**
 * Uploaded documents: one sealed blob per keccak256 hash (`upload_blobs`), who uploaded it
 * (`upload_owners`) and which departments an owner shared it with (`upload_shares`).
 */
import type { Db, Queryable } from "../db/index.ts";

/** Stores the sealed blob (once per hash) and `owner` as one of its owners. */
export async function storeUpload(
  db: Db,
  upload: { hash: string; size: number; sealed: Uint8Array; owner: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query("INSERT INTO upload_blobs (hash, size, sealed) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING", [
      upload.hash,
      upload.size,
      upload.sealed,
    ]);
    await tx.query("INSERT INTO upload_owners (hash, owner) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
      upload.hash,
      upload.owner,
    ]);
  });
}

/** Whether `owner` uploaded the document. */
export async function ownsUpload(db: Queryable, hash: string, owner: string): Promise<boolean> {
  const owned = await db.query("SELECT 1 FROM upload_owners WHERE hash = $1 AND owner = $2", [hash, owner]);
  return owned.length > 0;
}

/** Shares the owner's document with a department (once). */
export async function shareUpload(db: Queryable, hash: string, owner: string, departmentId: number): Promise<void> {
  await db.query("INSERT INTO upload_shares (hash, owner, department_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [
    hash,
    owner,
    departmentId,
  ]);
}

/** The owner who first shared the document with the department, if any did. */
export async function firstSharer(db: Queryable, hash: string, departmentId: number): Promise<string | undefined> {
  const shares = await db.query<{ owner: string }>(
    "SELECT owner FROM upload_shares WHERE hash = $1 AND department_id = $2 ORDER BY created_at LIMIT 1",
    [hash, departmentId],
  );
  return shares[0]?.owner;
}

/** The sealed document, if stored. */
export async function sealedUpload(db: Queryable, hash: string): Promise<Uint8Array | undefined> {
  const rows = await db.query<{ sealed: Uint8Array }>("SELECT sealed FROM upload_blobs WHERE hash = $1", [hash]);
  return rows[0]?.sealed;
}

/** Stops sharing the owner's document with a department: `false` when it was not shared. */
export async function unshareUpload(
  db: Queryable,
  hash: string,
  owner: string,
  departmentId: number,
): Promise<boolean> {
  const rows = await db.query(
    "DELETE FROM upload_shares WHERE hash = $1 AND owner = $2 AND department_id = $3 RETURNING hash",
    [hash, owner, departmentId],
  );
  return rows.length > 0;
}

/**
 * Deletes the owner's upload: their shares, their ownership, and the sealed bytes once nobody else
 * owns them. `false` when `owner` does not own it (nothing changed).
 */
export async function deleteUpload(db: Db, hash: string, owner: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query("DELETE FROM upload_shares WHERE hash = $1 AND owner = $2", [hash, owner]);
    const owned = await tx.query("DELETE FROM upload_owners WHERE hash = $1 AND owner = $2 RETURNING hash", [
      hash,
      owner,
    ]);
    if (owned.length === 0) return false;
    await tx.query(
      "DELETE FROM upload_blobs WHERE hash = $1 AND NOT EXISTS (SELECT 1 FROM upload_owners WHERE hash = $1)",
      [hash],
    );
    return true;
  });
}
