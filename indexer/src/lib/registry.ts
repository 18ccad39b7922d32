/**
 * `ponder.on` for the handlers: registers the handler with Ponder and, after it ran, adds one to the
 * handled-log count of the event's block (`indexed_block`) in the same indexing transaction, so the
 * integrity check (src/api/integrity.ts) can compare the index with the node block by block.
 */
import { ponder as registry, type Context } from "ponder:registry";
import { IndexedBlock } from "ponder:schema";

import { INDEXED_EVENTS } from "./indexed.ts";

const known = new Set<string>(INDEXED_EVENTS);

type Args = { event: { block: { number: bigint } }; context: Context };

function on(name: string, handler: (args: Args) => Promise<void>): void {
  if (!known.has(name)) {
    throw new Error(
      `${name} has a handler but is not in INDEXED_EVENTS (indexer/src/lib/indexed.ts): add it there / ` +
        `${name} 有处理函数但未列入 INDEXED_EVENTS：请补上`,
    );
  }
  (registry.on as (name: string, fn: (args: Args) => Promise<void>) => void)(name, async (args) => {
    await handler(args);
    await args.context.db
      .insert(IndexedBlock)
      .values({ id: args.event.block.number, logs: 1 })
      .onConflictDoUpdate((row) => ({ logs: row.logs + 1 }));
  });
}

export const ponder = { on: on as unknown as typeof registry.on };
