/**
 * The one query layer of the exchange: the same SQL (PostgreSQL dialect, `$1` parameters) runs on
 * embedded PGlite and on a PostgreSQL server.
 */

/** Something SQL can be sent to: the database, or one transaction. */
export interface Queryable {
  /** Runs one statement with `$n` parameters; returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A database: queries, transactions (all or nothing), and close. */
export interface Db extends Queryable {
  /** Which driver: `pglite` (embedded, a data folder) or `postgres` (a server, DATABASE_URL). */
  readonly kind: "pglite" | "postgres";
  /**
   * Runs `fn` in one transaction: committed when it returns, rolled back when it throws (the
   * error is thrown again). Statements inside must go through the given `tx`.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
