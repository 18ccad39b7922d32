/**
 * The database layer: values, errors and transactions behave the same on embedded PGlite (in its
 * worker thread) and on PostgreSQL.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";

import type { Db } from "../src/db/index.ts";
import { backends, type Backend } from "./helpers/exchange.ts";

/** Runs `fn` on a fresh database of `backend`, closed and removed after. */
async function withDb(backend: Backend, fn: (db: Db) => Promise<void>): Promise<void> {
  const { db, cleanup } = await backend.open();
  try {
    await fn(db);
  } finally {
    await db.close();
    await cleanup();
  }
}

for (const backend of backends()) {
  describe(`bytea on ${backend.name}`, () => {
    it("round-trips bytes as a Buffer, a view's own bytes only", async () => {
      await withDb(backend, async (db) => {
        await db.exec("CREATE TEMP TABLE blobs (id int PRIMARY KEY, data bytea NOT NULL)");
        const large = randomBytes(256 * 1024);
        // A view into a larger buffer: only its 3 bytes are stored, not the buffer around it.
        const view = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4);
        await db.query("INSERT INTO blobs VALUES (1, $1), (2, $2), (3, $3)", [large, view, new Uint8Array(0)]);
        const rows = await db.query<{ id: number; data: Uint8Array }>("SELECT id, data FROM blobs ORDER BY id");
        for (const row of rows) assert.ok(Buffer.isBuffer(row.data), `row ${row.id} is a Buffer`);
        assert.deepEqual(rows[0]!.data, large);
        assert.deepEqual([...rows[1]!.data], [1, 2, 3]);
        assert.equal(rows[2]!.data.length, 0);
      });
    });

    it("keeps a transaction's work when it returns, none of it when it throws, and reports the error that ended it", async () => {
      await withDb(backend, async (db) => {
        await db.exec("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)");
        const kept = await db.transaction(async (tx) => {
          await tx.query("INSERT INTO counters VALUES (1, 1)");
          await tx.query("UPDATE counters SET n = n + 1 WHERE id = 1");
          return (await tx.query<{ n: number }>("SELECT n FROM counters WHERE id = 1"))[0]!.n;
        });
        assert.equal(kept, 2);
        // A duplicate key inside a transaction: the error (with its SQLSTATE) is the caller's, nothing is kept.
        const failed = await db
          .transaction(async (tx) => {
            await tx.query("UPDATE counters SET n = 100 WHERE id = 1");
            await tx.query("INSERT INTO counters VALUES (1, 5)");
          })
          .then(
            () => undefined,
            (error: Error & { code?: string }) => error,
          );
        assert.ok(failed, "the transaction failed");
        assert.equal(failed.code, "23505", failed.message);
        const thrown = new Error("changed my mind");
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query("UPDATE counters SET n = 200 WHERE id = 1");
            throw thrown;
          }),
          (error) => error === thrown,
        );
        assert.deepEqual(await db.query("SELECT id, n FROM counters"), [{ id: 1, n: 2 }]);
        // A malformed statement is refused with PostgreSQL's own message; the database goes on.
        await assert.rejects(db.query("SELEC 1"), /syntax error/);
        assert.equal((await db.query<{ one: number }>("SELECT 1 AS one"))[0]!.one, 1);
      });
    });

    it("answers statements with parameters the same however many distinct ones it has seen", async () => {
      await withDb(backend, async (db) => {
        if (backend.name === "postgres") {
          // Parsed and planned once per connection: the statement is kept prepared on it.
          const text = "SELECT $1::text || 'prepared' AS v";
          const prepared = await db.transaction(async (tx) => {
            await tx.query(text, ["a"]);
            await tx.query(text, ["b"]);
            return tx.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1",
              [text],
            );
          });
          assert.equal(prepared[0]!.n, 1);
        }
        // Past the named statements' limit (1,000) too: those are sent unnamed.
        for (let i = 0; i < 1_010; i += 1) {
          const rows = await db.query<{ v: number }>(`SELECT $1::int + ${i} AS v`, [i]);
          assert.equal(rows[0]!.v, 2 * i);
        }
      });
    });
  });
}
