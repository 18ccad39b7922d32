import pg from "pg";

import type { Db, Queryable } from "./types.ts";

// bigint (int8) columns as JS strings are turned into numbers by the queries that need them;
// timestamps stay Date objects, bytea Buffers: the same shapes PGlite gives.

/** A PostgreSQL server reached by a connection URL (a pool of connections). */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // A dropped idle connection must not crash the process.
  pool.on("error", () => {});
  const client = await pool.connect();
  client.release();
  return {
    kind: "postgres",
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      const tx: Queryable = {
        async query<Row>(sql: string, params: readonly unknown[] = []) {
          return (await connection.query(sql, params as unknown[])).rows as Row[];
        },
        async exec(sql: string) {
          await connection.query(sql);
        },
      };
      try {
        await connection.query("BEGIN");
        const result = await fn(tx);
        await connection.query("COMMIT");
        connection.release();
        return result;
      } catch (error) {
        try {
          await connection.query("ROLLBACK");
          connection.release();
        } catch {
          connection.release(true);
        }
        throw error;
      }
    },
    close: () => pool.end(),
  };
}
