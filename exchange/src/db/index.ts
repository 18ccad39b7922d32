import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";
import { migrate } from "./migrate.ts";
import type { Db } from "./types.ts";

export type { Db, Queryable } from "./types.ts";
export { migrate, MIGRATIONS_DIR } from "./migrate.ts";
export { openPglite, openPostgres };

/**
 * Opens the exchange's database and brings its schema up to date: a PostgreSQL server when
 * `databaseUrl` is set, else embedded PGlite in `dataDir` (in memory when neither is given).
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Db> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
