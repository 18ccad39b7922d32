import pg from "pg";

import type { Db, Queryable } from "./types.ts";

// bigint (int8) columns as JS strings are turned into numbers by the queries that need them;
// timestamps stay Date objects, bytea Buffers: the same shapes PGlite gives.

/**
 * The statement as the driver sends it: with parameters, a named (prepared) statement, so each
 * connection parses and plans it once instead of on every call (a disclosure sends four, and the
 * server's parsing and planning was a large part of its time on each). Statements without
 * parameters (scripts, migrations) and texts past the first {@link MAX_NAMED} stay unnamed.
 */
const names = new Map<string, string>();
const MAX_NAMED = 1000;
function statement(text: string, params: readonly unknown[]) {
  if (params.length === 0) return { text };
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `ow${names.size + 1}`;
    names.set(text, name);
  }
  return { name, text, values: params as unknown[] };
}

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
      const result = await pool.query(statement(sql, params));
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      const tx: Queryable = {
        async query<Row>(sql: string, params: readonly unknown[] = []) {
          return (await connection.query(statement(sql, params))).rows as Row[];
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
