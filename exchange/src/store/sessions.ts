/** Sign-in state: single-use SIWE nonces (`auth_nonces`) and bearer sessions (`sessions`, token hashed). */
import { createHash } from "node:crypto";

import type { Queryable } from "../db/index.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Stores a fresh nonce usable for `ttlSeconds`; its expiry. */
export async function createNonce(db: Queryable, nonce: string, ttlSeconds: number): Promise<Date> {
  const rows = await db.query<{ expires_at: Date }>(
    "INSERT INTO auth_nonces (nonce, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING expires_at",
    [nonce, ttlSeconds],
  );
  return new Date(rows[0]!.expires_at);
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

/** Deletes nonces and sessions expired more than a day ago. */
export async function deleteExpiredSignIns(db: Queryable): Promise<void> {
  await db.query("DELETE FROM auth_nonces WHERE expires_at < now() - interval '1 day'");
  await db.query("DELETE FROM sessions WHERE expires_at < now() - interval '1 day'");
}
