import { PGlite, types } from "@electric-sql/pglite";

import type { Db, Queryable } from "./types.ts";

/**
 * bytea as Buffers, through Node's hex codec: PGlite's own converts byte by byte in JavaScript
 * (`parseInt` per byte), which was a tenth of the exchange's CPU time under disclosures (each reads
 * a sealed licence file). A Buffer is what the PostgreSQL driver gives for bytea too.
 */
const BYTEA_PARSERS = { [types.BYTEA]: (text: string) => Buffer.from(text.slice(2), "hex") };
const BYTEA_SERIALIZERS = {
  [types.BYTEA]: (value: unknown) => {
    if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
    return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
  },
};

/**
 * Embedded PostgreSQL (PGlite) in a data folder (or in memory with `undefined`). PGlite writes
 * through to the folder's files as PostgreSQL does (WAL first), so a committed transaction
 * survives the process being killed.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = new PGlite(dataDir, { parsers: BYTEA_PARSERS, serializers: BYTEA_SERIALIZERS });
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
