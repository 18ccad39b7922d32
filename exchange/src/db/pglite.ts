import { PGlite } from "@electric-sql/pglite";

import type { Db, Queryable } from "./types.ts";

/**
 * Embedded PostgreSQL (PGlite) in a data folder (or in memory with `undefined`). PGlite writes
 * through to the folder's files as PostgreSQL does (WAL first), so a committed transaction
 * survives the process being killed.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  const wrap = (q: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pg);
  return {
    kind: "pglite",
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
