/** Sign-in state: single-use SIWE nonces (`auth_nonces`) and bearer sessions (`sessions`, token hashed). */
import { createHash } from "node:crypto";

import type { Db, Queryable } from "../db/index.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Stores a fresh nonce usable for `ttlSeconds` unless `maxLive` nonces are live already (handed
 * out, unused, unexpired; expired ones are deleted first): its expiry, or the seconds until the
 * oldest live one expires. Counted in the database, so the cap holds across processes.
 */
export async function createNonce(
  db: Db,
  nonce: string,
  ttlSeconds: number,
  maxLive: number,
): Promise<{ expiresAt: Date } | { busyForSeconds: number }> {
  return db.transaction(async (tx) => {
    await tx.query("DELETE FROM auth_nonces WHERE expires_at <= now()");
    const live = await tx.query<{ n: number; wait: number | null }>(
      `SELECT count(*)::int AS n, extract(epoch FROM min(expires_at) - now())::float8 AS wait
       FROM auth_nonces WHERE used_at IS NULL`,
    );
    if (live[0]!.n >= maxLive) return { busyForSeconds: Number(live[0]!.wait ?? ttlSeconds) };
    const rows = await tx.query<{ expires_at: Date }>(
      "INSERT INTO auth_nonces (nonce, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING expires_at",
      [nonce, ttlSeconds],
    );
    return { expiresAt: new Date(rows[0]!.expires_at) };
  });
}

/** Whether the nonce was handed out and is still unused and unexpired (read only). */
export async function nonceIsLive(db: Queryable, nonce: string): Promise<boolean> {
  const rows = await db.query("SELECT 1 FROM auth_nonces WHERE nonce = $1 AND used_at IS NULL AND expires_at > now()", [
    nonce,
  ]);
  return rows.length > 0;
}

/** Marks the nonce used: `false` when it is unknown, expired or used already. */
export async function useNonce(tx: Queryable, nonce: string): Promise<boolean> {
  const used = await tx.query(
    "UPDATE auth_nonces SET used_at = now() WHERE nonce = $1 AND used_at IS NULL AND expires_at > now() RETURNING nonce",
    [nonce],
  );
  return used.length > 0;
}

/** Stores a session (the token's hash only) for `address` (lower case). */
export async function createSession(tx: Queryable, token: string, address: string, expiresAt: Date): Promise<void> {
  await tx.query("INSERT INTO sessions (token_hash, address, expires_at) VALUES ($1, $2, $3)", [
    sha256(token),
    address,
    expiresAt,
  ]);
}

/** The address signed in with `token`, unless the session is unknown or expired. */
export async function sessionAddress(db: Queryable, token: string): Promise<string | undefined> {
  const rows = await db.query<{ address: string }>(
    "SELECT address FROM sessions WHERE token_hash = $1 AND expires_at > now()",
    [sha256(token)],
  );
  return rows[0]?.address;
}

/** Ends the session of `token` (sign-out): `false` when there was none. */
export async function deleteSession(db: Queryable, token: string): Promise<boolean> {
  const rows = await db.query("DELETE FROM sessions WHERE token_hash = $1 RETURNING token_hash", [sha256(token)]);
  return rows.length > 0;
}

/** Deletes expired nonces and sessions (they can no longer be used). */
export async function deleteExpiredSignIns(db: Queryable): Promise<void> {
  await db.query("DELETE FROM auth_nonces WHERE expires_at <= now()");
  await db.query("DELETE FROM sessions WHERE expires_at <= now()");
}
