/**
 * The credential status of every licence, replayed from the LicenceRegistry's events, and each
 * licence's index in its issuing department's status list.
 *
 * Index assignment (deterministic, from the chain alone): each department has one list. Its
 * `LicenceIssued` and `BatchIssued` events, in chain order (block, then log index), take
 * consecutive indexes from 0: a single licence one, a batch `count` of them. A batch member's
 * index is the batch's first index plus the member's rank among the batch's licence ids sorted
 * as unsigned 256-bit numbers. The status at an index is the worse of the licence's own state and
 * its batch's (revoked > suspended > valid); expiry is in the credential, not the list.
 *
 * The chain names a batch member revoked or suspended on its own (its id and its batch's root),
 * but not its rank: that needs the batch's member ids, which only the issuer had. They are given
 * with {@link CredentialStatusIndex.addBatchMembers} and accepted only if they rebuild the batch's
 * root (so they are exactly the batch). Until they are, a batch with a member revoked or suspended
 * on its own is **suspended as a whole** in the list (never shown valid), and
 * `list(...).unplacedBatches` names it.
 */
import type { Hex } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { getOneWindowEvents } from "../chain/watch.ts";
import { buildBatch } from "../licence/batch.ts";
import { CredentialStatus } from "./status-list.ts";

const ZERO = `0x${"0".repeat(64)}` as Hex;

/** One department's list: the status of each index, and where each issued id starts. */
export type DepartmentStatusList = {
  departmentId: number;
  /** Entries assigned so far (not padded). */
  size: number;
  /** Status of each index (`CredentialStatus`), `size` long. */
  statuses: Uint8Array;
  /**
   * Roots of this department's batches with a member revoked or suspended on its own whose member
   * ids are not known (see {@link CredentialStatusIndex.addBatchMembers}): each is suspended as a
   * whole in `statuses` until they are.
   */
  unplacedBatches: Hex[];
};

type Slot = { id: Hex; departmentId: number; start: number; count: number; batch: boolean };

/** Rank of `licenceId` among `memberIds` sorted as unsigned numbers; `undefined` if absent. */
export function batchRankOf(memberIds: readonly Hex[], licenceId: Hex): number | undefined {
  const sorted = memberIds.map((id) => id.toLowerCase()).sort();
  const rank = sorted.indexOf(licenceId.toLowerCase());
  return rank < 0 ? undefined : rank;
}

/**
 * Follows the LicenceRegistry block by block and keeps every department's status list. `syncTo`
 * reads only the blocks not read yet; a list read at block N reflects every revocation,
 * suspension and resumption mined up to N.
 *
 * @example
 * const index = new CredentialStatusIndex(client);
 * await index.syncTo(await client.public.getBlockNumber({ cacheTime: 0 }));
 * index.addBatchMembers(batchRoot, memberIds); // the issuer's record of a batch
 * const list = index.list(departmentId);
 */
export class CredentialStatusIndex {
  readonly #client: OneWindowClient;
  readonly #slots = new Map<Hex, Slot>();
  readonly #lists = new Map<number, { size: number; statuses: Uint8Array; batches: Set<Hex>; batchSlots: Slot[] }>();
  /** Whole-batch status (the batch's own record revoked, suspended or resumed). */
  readonly #batchStatus = new Map<Hex, CredentialStatus>();
  /** Batch root → member id → its own status, from member-level events. */
  readonly #memberStatus = new Map<Hex, Map<Hex, CredentialStatus>>();
  /** Batch root → member id → rank, for batches whose member ids rebuilt the root. */
  readonly #members = new Map<Hex, Map<Hex, number>>();
  #block: bigint;
  #syncing: Promise<void> | undefined;

  constructor(client: OneWindowClient) {
    this.#client = client;
    this.#block = BigInt(client.deployment.contracts.LicenceRegistry.startBlock) - 1n;
  }

  /** The last block read. */
  get blockNumber(): bigint {
    return this.#block;
  }

  /** Reads the registry's events up to `blockNumber` (inclusive), once. */
  async syncTo(blockNumber: bigint): Promise<void> {
    while (this.#block < blockNumber) {
      if (this.#syncing === undefined) {
        this.#syncing = this.#readUpTo(blockNumber).finally(() => (this.#syncing = undefined));
      }
      await this.#syncing;
    }
  }

  async #readUpTo(blockNumber: bigint): Promise<void> {
    const step = 5_000n;
    while (this.#block < blockNumber) {
      const fromBlock = this.#block + 1n;
      const toBlock = fromBlock + step - 1n < blockNumber ? fromBlock + step - 1n : blockNumber;
      const events = await getOneWindowEvents(this.#client, { fromBlock, toBlock, contracts: ["LicenceRegistry"] });
      for (const event of events) this.#apply(event as { eventName: string; args: Record<string, unknown> });
      this.#block = toBlock;
    }
  }

  #apply(event: { eventName: string; args: Record<string, unknown> }): void {
    const args = event.args;
    switch (event.eventName) {
      case "LicenceIssued":
        this.#assign(args.licenceId as Hex, Number(args.issuerDepartment), 1, false);
        return;
      case "BatchIssued":
        this.#assign(args.batchRoot as Hex, Number(args.issuerDepartment), Number(args.count), true);
        return;
      case "LicenceRevoked":
        this.#change(args, CredentialStatus.Revoked);
        return;
      case "LicenceSuspended":
        this.#change(args, CredentialStatus.Suspended);
        return;
      case "LicenceResumed":
        this.#change(args, CredentialStatus.Valid);
        return;
      default:
    }
  }

  #listOf(departmentId: number) {
    let list = this.#lists.get(departmentId);
    if (list === undefined) {
      list = { size: 0, statuses: new Uint8Array(1024), batches: new Set(), batchSlots: [] };
      this.#lists.set(departmentId, list);
    }
    return list;
  }

  #assign(id: Hex, departmentId: number, count: number, batch: boolean): void {
    const list = this.#listOf(departmentId);
    const key = id.toLowerCase() as Hex;
    const slot = { id: key, departmentId, start: list.size, count, batch };
    this.#slots.set(key, slot);
    if (batch) list.batchSlots.push(slot);
    list.size += count;
    if (list.size > list.statuses.length) {
      const grown = new Uint8Array(Math.max(list.size, list.statuses.length * 2));
      grown.set(list.statuses);
      list.statuses = grown;
    }
    // Member ids given before the batch's issue event was read: keep them only if the count agrees.
    if (batch && this.#members.has(key) && this.#members.get(key)!.size !== count) this.#members.delete(key);
  }

  #change(args: Record<string, unknown>, status: CredentialStatus): void {
    const licenceId = (args.licenceId as Hex).toLowerCase() as Hex;
    const batchRoot = (args.batchRoot as Hex).toLowerCase() as Hex;
    if (batchRoot === ZERO) {
      const slot = this.#slots.get(licenceId);
      if (slot === undefined) return;
      if (!slot.batch) {
        this.#listOf(slot.departmentId).statuses[slot.start] = status;
        return;
      }
      this.#batchStatus.set(licenceId, status);
      this.#refresh(slot);
      return;
    }
    let changes = this.#memberStatus.get(batchRoot);
    if (changes === undefined) {
      changes = new Map();
      this.#memberStatus.set(batchRoot, changes);
    }
    changes.set(licenceId, status);
    const slot = this.#slots.get(batchRoot);
    if (slot !== undefined) this.#refresh(slot);
  }

  /**
   * Rewrites a batch's entries: each the worse of the batch's status and the member's own. When
   * a member changed on its own and the member ids are not known, every entry is at least
   * suspended (the member cannot be told from its siblings, and must not be shown valid).
   */
  #refresh(slot: Slot): void {
    const list = this.#listOf(slot.departmentId);
    const batch = this.#batchStatus.get(slot.id) ?? CredentialStatus.Valid;
    const changes = this.#memberStatus.get(slot.id);
    const members = this.#members.get(slot.id);
    const own = new Array<CredentialStatus>(slot.count).fill(CredentialStatus.Valid);
    let unplaced: CredentialStatus = CredentialStatus.Valid;
    for (const [id, status] of changes ?? []) {
      const rank = members?.get(id);
      if (rank !== undefined) own[rank] = status;
      else if (status !== CredentialStatus.Valid) unplaced = CredentialStatus.Suspended;
    }
    if (unplaced === CredentialStatus.Valid) list.batches.delete(slot.id);
    else list.batches.add(slot.id);
    for (let i = 0; i < slot.count; i++) list.statuses[slot.start + i] = worse(worse(batch, unplaced), own[i]!);
  }

  /**
   * Records a batch's member ids (the issuer's record of it), if they are exactly the batch: they
   * rebuild `batchRoot` and, once its issue event is read, are as many as it declared. Returns
   * whether they were accepted; the batch's entries are rewritten with its members' own statuses.
   */
  addBatchMembers(batchRoot: Hex, memberIds: readonly Hex[]): boolean {
    const root = batchRoot.toLowerCase() as Hex;
    if (this.#members.has(root)) return this.#members.get(root)!.size === memberIds.length && sameRoot(root, memberIds);
    const slot = this.#slots.get(root);
    if (slot !== undefined && (!slot.batch || slot.count !== memberIds.length)) return false;
    if (!sameRoot(root, memberIds)) return false;
    const sorted = memberIds.map((id) => id.toLowerCase() as Hex).sort();
    this.#members.set(root, new Map(sorted.map((id, rank) => [id, rank])));
    if (slot !== undefined) this.#refresh(slot);
    return true;
  }

  /** A batch issued on chain as read so far: its department and declared count; `undefined` if none. */
  batchOf(batchRoot: Hex): { departmentId: number; count: number } | undefined {
    const slot = this.#slots.get(batchRoot.toLowerCase() as Hex);
    return slot === undefined || !slot.batch ? undefined : { departmentId: slot.departmentId, count: slot.count };
  }

  /** A batch's member ids, sorted by rank, if {@link addBatchMembers} accepted them. */
  batchMembers(batchRoot: Hex): Hex[] | undefined {
    const members = this.#members.get(batchRoot.toLowerCase() as Hex);
    return members === undefined ? undefined : [...members.keys()];
  }

  /** The department's list as of {@link blockNumber}. */
  list(departmentId: number): DepartmentStatusList {
    const list = this.#lists.get(departmentId);
    if (list === undefined) return { departmentId, size: 0, statuses: new Uint8Array(0), unplacedBatches: [] };
    return {
      departmentId,
      size: list.size,
      statuses: list.statuses.slice(0, list.size),
      unplacedBatches: [...list.batches],
    };
  }

  /**
   * The status at `index` of the department's list; for an entry of a batch whose member ids are
   * not known, given the licence id the credential names, that member's own status (the worse of
   * its batch's and its own events'), which the events name by id. `undefined` beyond the list.
   */
  statusAt(departmentId: number, index: number, licenceId?: Hex | undefined): CredentialStatus | undefined {
    const list = this.#lists.get(departmentId);
    if (list === undefined || !Number.isInteger(index) || index < 0 || index >= list.size) return undefined;
    const stored = list.statuses[index] as CredentialStatus;
    if (licenceId === undefined || list.batches.size === 0) return stored;
    const slot = list.batchSlots.find((s) => s.start <= index && index < s.start + s.count);
    if (slot === undefined || !list.batches.has(slot.id)) return stored;
    const batch = this.#batchStatus.get(slot.id) ?? CredentialStatus.Valid;
    const own = this.#memberStatus.get(slot.id)?.get(licenceId.toLowerCase() as Hex) ?? CredentialStatus.Valid;
    return worse(batch, own);
  }

  /** Every department's {@link DepartmentStatusList.unplacedBatches}. */
  unplacedBatches(): Hex[] {
    return [...this.#lists.values()].flatMap((list) => [...list.batches]);
  }

  /**
   * The status-list index of a licence: its own, or for a batch member its batch's first index
   * plus its rank among the member ids (given here, or accepted before by
   * {@link addBatchMembers}). `undefined` if the chain read so far has no issue event for it, or
   * the member ids are not known or are not exactly the batch.
   */
  indexOf(
    licenceId: Hex,
    batch?: { root: Hex; memberIds?: readonly Hex[] | undefined } | undefined,
  ): { departmentId: number; index: number } | undefined {
    if (batch === undefined) {
      const slot = this.#slots.get(licenceId.toLowerCase() as Hex);
      return slot === undefined || slot.batch ? undefined : { departmentId: slot.departmentId, index: slot.start };
    }
    const root = batch.root.toLowerCase() as Hex;
    const slot = this.#slots.get(root);
    if (slot === undefined) return undefined;
    if (batch.memberIds !== undefined && !this.addBatchMembers(root, batch.memberIds)) return undefined;
    const rank = this.#members.get(root)?.get(licenceId.toLowerCase() as Hex);
    return rank === undefined ? undefined : { departmentId: slot.departmentId, index: slot.start + rank };
  }
}

function sameRoot(root: Hex, memberIds: readonly Hex[]): boolean {
  try {
    return buildBatch(memberIds).root === root;
  } catch {
    return false;
  }
}

function worse(a: CredentialStatus, b: CredentialStatus): CredentialStatus {
  if (a === CredentialStatus.Revoked || b === CredentialStatus.Revoked) return CredentialStatus.Revoked;
  if (a === CredentialStatus.Suspended || b === CredentialStatus.Suspended) return CredentialStatus.Suspended;
  return CredentialStatus.Valid;
}
