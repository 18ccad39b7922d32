/**
 * Batch members in the status lists (docs/credentials.md). The chain names a batch member revoked
 * or suspended on its own, not its place in the batch; the exchange records the batch's member
 * ids (`batch_members`, from deposits of member files and from an officer's posted list) and gives
 * them to the status index, which accepts them only once they rebuild the batch's root.
 *
 * The database is the record; each process's index learns from it when a list or an export needs
 * a batch it does not know yet, so several exchange processes agree.
 */
import { CredentialStatusIndex } from "@onewindow/sdk/vc";
import type { Hex } from "viem";

import type { ExchangeContext } from "./context.ts";
import { batchMembersOf } from "./store/batches.ts";

const indexes = new WeakMap<ExchangeContext, CredentialStatusIndex>();

/** The exchange's status index (one per exchange), following the LicenceRegistry. */
export function statusIndexOf(ctx: ExchangeContext): CredentialStatusIndex {
  let index = indexes.get(ctx);
  if (index === undefined) {
    index = new CredentialStatusIndex(ctx.client);
    indexes.set(ctx, index);
  }
  return index;
}

/**
 * The batch's member ids, sorted, if they are known: the index has them, or the ids recorded in
 * the database rebuild the root (then the index has them too). `undefined` otherwise.
 */
export async function knownBatchMembers(ctx: ExchangeContext, batchRoot: Hex): Promise<Hex[] | undefined> {
  const index = statusIndexOf(ctx);
  const known = index.batchMembers(batchRoot);
  if (known !== undefined) return known;
  const recorded = await batchMembersOf(ctx.db, batchRoot);
  if (recorded.length === 0 || !index.addBatchMembers(batchRoot, recorded)) return undefined;
  return index.batchMembers(batchRoot);
}

/** Gives the index the recorded members of every batch its lists cannot place yet. */
export async function placeRecordedBatches(ctx: ExchangeContext): Promise<void> {
  for (const root of statusIndexOf(ctx).unplacedBatches()) await knownBatchMembers(ctx, root);
}
