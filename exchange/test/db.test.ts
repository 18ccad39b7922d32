/** The database layer: values come back in the same shapes on embedded PGlite and on PostgreSQL. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";

import { backends } from "./helpers/exchange.ts";

for (const backend of backends()) {
  describe(`bytea on ${backend.name}`, () => {
    it("round-trips bytes as a Buffer, a view's own bytes only", async () => {
      const { db, cleanup } = await backend.open();
      try {
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
      } finally {
        await db.close();
        await cleanup();
      }
    });
  });
}
