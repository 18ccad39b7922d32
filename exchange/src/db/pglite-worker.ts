/**
 * Embedded PostgreSQL (PGlite) in a worker thread (started by pglite.ts): PGlite runs each
 * statement synchronously in WebAssembly, so on the exchange's own thread every query held up
 * every other request (about 40 % of that thread's time under disclosures). Here it runs on another
 * core. PGlite writes through to the data folder's files as PostgreSQL does (WAL first) before a
 * statement is answered, so a committed transaction survives the process being killed.
 *
 * Messages are `{ id, op, ... }`, answered as worker-thread.ts says. A transaction is `begin` (its
 * answer is the transaction's number), statements naming it, then `commit` or `rollback`.
 */
import { workerData } from "node:worker_threads";

import { PGlite, types, type Transaction } from "@electric-sql/pglite";

import { asBuffer, serveRequests } from "../worker-thread.ts";

export type PgliteRequest =
  | { id: number; op: "ready" }
  | { id: number; op: "query"; sql: string; params: readonly unknown[]; tx?: number | undefined }
  | { id: number; op: "exec"; sql: string; tx?: number | undefined }
  | { id: number; op: "begin" }
  | { id: number; op: "commit" | "rollback"; tx: number }
  | { id: number; op: "close" };

/**
 * bytea as Buffers, through Node's hex codec: PGlite's own converts byte by byte in JavaScript
 * (`parseInt` per byte), which was a tenth of the exchange's CPU time under disclosures (each reads
 * a sealed licence file). (They cross to the main thread as Uint8Arrays, made Buffers again there.)
 */
const BYTEA_PARSERS = { [types.BYTEA]: (text: string) => Buffer.from(text.slice(2), "hex") };
const BYTEA_SERIALIZERS = {
  [types.BYTEA]: (value: unknown) => {
    if (!(value instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
    return `\\x${asBuffer(value).toString("hex")}`;
  },
};

const { dataDir } = workerData as { dataDir: string | undefined };
const pg = new PGlite(dataDir, { parsers: BYTEA_PARSERS, serializers: BYTEA_SERIALIZERS });

/** Open transactions by number: their handle, and how to end them (commit: true). */
const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void; ended: Promise<void> }>();

function target(tx: number | undefined) {
  if (tx === undefined) return pg;
  const entry = open.get(tx);
  if (!entry) throw new Error(`no transaction ${tx} is open`);
  return entry.tx;
}

/** Begins a transaction; resolves with its number once BEGIN has run (PGlite holds others back meanwhile). */
function begin(id: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let end!: (commit: boolean) => void;
    const decided = new Promise<boolean>((r) => (end = r));
    const ended = pg.transaction(async (tx) => {
      open.set(id, { tx, end, ended });
      resolve(id);
      if (!(await decided)) await tx.rollback();
    });
    // BEGIN itself failed (nothing was registered), or COMMIT did (answered by `finish`).
    ended.catch((error: unknown) => {
      if (!open.has(id)) reject(error);
    });
  });
}

async function finish(tx: number, commit: boolean): Promise<void> {
  const entry = open.get(tx);
  if (!entry) throw new Error(`no transaction ${tx} is open`);
  entry.end(commit);
  try {
    await entry.ended;
  } finally {
    open.delete(tx);
  }
}

serveRequests<PgliteRequest>(async (request) => {
  await pg.waitReady;
  switch (request.op) {
    case "ready":
      return;
    case "query":
      return (await target(request.tx).query(request.sql, request.params as unknown[])).rows;
    case "exec":
      await target(request.tx).exec(request.sql);
      return;
    case "begin":
      return begin(request.id);
    case "commit":
    case "rollback":
      return finish(request.tx, request.op === "commit");
    case "close":
      await pg.close();
      return;
  }
});
