import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import type { Db } from "./types.ts";

/** exchange/migrations: `NNN_name.sql`, applied in order. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../migrations");

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction with
 * its record, in version order. Idempotent: running it again on an up-to-date database does nothing.
 * Returns the versions applied now.
 */
export async function migrate(db: Db, directory = MIGRATIONS_DIR): Promise<string[]> {
  await db.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version text PRIMARY KEY,
       applied_at timestamptz NOT NULL DEFAULT now()
     )`,
  );
  const files = readdirSync(directory)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const applied = new Set(
    (await db.query<{ version: string }>("SELECT version FROM schema_migrations")).map((r) => r.version),
  );
  const now: string[] = [];
  for (const file of files) {
    const version = file.slice(0, 3);
    if (applied.has(version)) continue;
    const sql = readFileSync(path.join(directory, file), "utf8");
    await db.transaction(async (tx) => {
      // A concurrent starter may have applied it meanwhile: the primary key refuses a second record.
      await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
      await tx.exec(sql);
    });
    now.push(version);
  }
  return now;
}
