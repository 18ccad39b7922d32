/**
 * Uploaded documents: one blob per keccak256 hash (`upload_blobs`: its size and file, see
 * upload-files.ts; or, written before migration 019, the sealed bytes themselves), who uploaded it
 * (`upload_owners`) and which departments an owner shared it with (`upload_shares`).
 */
import type { Db, Queryable } from "../db/index.ts";

/** The documents and bytes of the owner named by the placeholder `owner` ("$1"): what counts against the upload quota. */
const usageOf = (owner: string) => `SELECT count(*)::int AS count, coalesce(sum(b.size), 0)::bigint AS bytes
  FROM upload_owners o JOIN upload_blobs b ON b.hash = o.hash WHERE o.owner = ${owner}`;

type UsageRow = { count: number; bytes: string | number };
const usageFrom = (row: UsageRow) => ({ count: Number(row.count), bytes: Number(row.bytes) });

/** Documents and bytes `owner` keeps stored (what counts against the upload quota). */
export async function uploadUsage(db: Queryable, owner: string): Promise<{ count: number; bytes: number }> {
  return usageFrom((await db.query<UsageRow>(usageOf("$1"), [owner]))[0]!);
}

/** How {@link storeUploadFile} ended. */
export type StoreOutcome =
  { stored: true; kept: boolean } | { stored: false; over: "count" | "bytes"; usage: { count: number; bytes: number } };

/**
 * Records `owner` as an owner of the document `hash` (streamed into a file already) unless that
 * passes their quota: in one short transaction, serialised per owner (an advisory lock), so that
 * concurrent uploads of one account (on any process sharing the database) cannot pass it together.
 * `keep` moves the file to its place and is called only when no blob row has this hash yet
 * (`kept`: it was); when the same content is stored already, the owner is only added to it.
 */
export async function storeUploadFile(
  db: Db,
  upload: { hash: string; size: number; owner: string },
  quota: { count: number; bytes: number },
  keep: () => Promise<string>,
): Promise<StoreOutcome> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('upload-quota:' || $1))", [upload.owner]);
    // Read once the lock is held (its own statement, so its snapshot is taken after), in one
    // statement: each one is a round trip to the database while the transaction holds it.
    const rows = await tx.query<UsageRow & { owned: boolean; held: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM upload_owners WHERE hash = $1 AND owner = $2) AS owned,
              EXISTS (SELECT 1 FROM upload_blobs WHERE hash = $1) AS held, usage.count, usage.bytes
       FROM (${usageOf("$2")}) AS usage`,
      [upload.hash, upload.owner],
    );
    const { owned, held } = rows[0]!;
    if (!owned) {
      const usage = usageFrom(rows[0]!);
      if (usage.count + 1 > quota.count) return { stored: false, over: "count", usage };
      if (usage.bytes + upload.size > quota.bytes) return { stored: false, over: "bytes", usage };
    }
    let kept = false;
    if (!held) {
      const file = await keep();
      kept = true;
      await tx.query("INSERT INTO upload_blobs (hash, size, file) VALUES ($1, $2, $3)", [
        upload.hash,
        upload.size,
        file,
      ]);
    }
    await tx.query("INSERT INTO upload_owners (hash, owner) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
      upload.hash,
      upload.owner,
    ]);
    return { stored: true, kept };
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

/** Where the document is: its file in the upload folder, or (rows written before migration 019) sealed in the row. */
export async function storedUpload(
  db: Queryable,
  hash: string,
): Promise<{ file: string; sealed: null } | { file: null; sealed: Uint8Array } | undefined> {
  const rows = await db.query<{ file: string | null; sealed: Uint8Array | null }>(
    "SELECT file, sealed FROM upload_blobs WHERE hash = $1",
    [hash],
  );
  return rows[0] as { file: string; sealed: null } | { file: null; sealed: Uint8Array } | undefined;
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
 * Deletes the owner's upload: their shares, their ownership, and the blob row once nobody else
 * owns it (then `file`: the name of its file, for the caller to remove). `false` when `owner`
 * does not own it (nothing changed).
 */
export async function deleteUpload(
  db: Db,
  hash: string,
  owner: string,
): Promise<false | { file: string | null | undefined }> {
  return db.transaction(async (tx) => {
    await tx.query("DELETE FROM upload_shares WHERE hash = $1 AND owner = $2", [hash, owner]);
    const owned = await tx.query("DELETE FROM upload_owners WHERE hash = $1 AND owner = $2 RETURNING hash", [
      hash,
      owner,
    ]);
    if (owned.length === 0) return false;
    const gone = await tx.query<{ file: string | null }>(
      "DELETE FROM upload_blobs WHERE hash = $1 AND NOT EXISTS (SELECT 1 FROM upload_owners WHERE hash = $1) RETURNING file",
      [hash],
    );
    return { file: gone[0]?.file };
  });
}
