import { asBuffer, WorkerThread, type Running } from "../worker-thread.ts";
import type { PgliteRequest } from "./pglite-worker.ts";
import type { Db, Queryable } from "./types.ts";

/** Rows as they cross from the worker: its bytea Buffers arrive as Uint8Arrays, made Buffers again. */
function asBuffers<Row>(rows: Row[]): Row[] {
  for (const row of rows as Record<string, unknown>[]) {
    for (const [column, value] of Object.entries(row)) {
      if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[column] = asBuffer(value);
    }
  }
  return rows;
}

/**
 * Embedded PostgreSQL (PGlite) in a data folder (or in memory with `undefined`), run in a worker
 * thread (pglite-worker.ts) so that its statements do not hold up the exchange's own thread.
 * PGlite writes through to the folder's files as PostgreSQL does (WAL first), so a committed
 * transaction survives the process being killed. A worker that stops is not restarted: every
 * later statement fails (the database is gone, as a server's would be).
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const worker = new WorkerThread<PgliteRequest>(
    new URL("./pglite-worker.ts", import.meta.url),
    "the embedded database",
    {
      workerData: { dataDir },
    },
  );
  const running: Running = worker.start();
  const ask = <T>(request: Parameters<typeof worker.ask>[0]) => worker.ask<T>(request, running);
  try {
    await ask({ op: "ready" });
  } catch (error) {
    await worker.stop();
    throw error;
  }
  const queryable = (tx?: number): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return asBuffers(await ask<Row[]>({ op: "query", sql, params, tx }));
    },
    async exec(sql: string) {
      await ask({ op: "exec", sql, tx });
    },
  });
  return {
    kind: "pglite",
    ...queryable(),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const tx = await ask<number>({ op: "begin" });
      let result: T;
      try {
        result = await fn(queryable(tx));
      } catch (error) {
        // The error that ended it is the one to report, whether or not the rollback answers.
        await ask({ op: "rollback", tx }).catch(() => {});
        throw error;
      }
      await ask({ op: "commit", tx });
      return result;
    },
    async close() {
      try {
        await ask({ op: "close" });
      } finally {
        await worker.stop();
      }
    },
  };
}
