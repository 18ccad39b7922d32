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
 */
import type { Hex } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { getOneWindowEvents } from "../chain/watch.ts";
import { CredentialStatus } from "./status-list.ts";

const ZERO = `0x${"0".repeat(64)}` as Hex;

/** One department's list: the status of each index, and where each issued id starts. */
export type DepartmentStatusList = {
  departmentId: number;
  /** Entries assigned so far (not padded). */
  size: number;
  /** Status of each index (`CredentialStatus`), `size` long. */
  statuses: Uint8Array;
};

type Slot = { id: string; departmentId: number; start: number; count: number };
type Pending = { batchRoot: Hex; licenceId: Hex; status: CredentialStatus; departmentId: number };

/** Resolves a batch member's rank within its batch (its offset from the batch's first index). */
export type BatchMemberRank = (batchRoot: Hex, licenceId: Hex) => number | undefined;

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
 * const list = index.list(departmentId);
 */
export class CredentialStatusIndex {
  readonly #client: OneWindowClient;
  readonly #memberRank: BatchMemberRank | undefined;
  readonly #slots = new Map<string, Slot>();
  readonly #lists = new Map<number, { size: number; statuses: Uint8Array; own: Map<number, CredentialStatus> }>();
  readonly #batchStatus = new Map<string, CredentialStatus>();
  readonly #memberStatus = new Map<string, Pending>();
  #block: bigint;
  #syncing: Promise<void> | undefined;

  /** @param memberRank - Ranks of batch members whose status changed on their own (the issuer's records). */
  constructor(client: OneWindowClient, options: { memberRank?: BatchMemberRank | undefined } = {}) {
    this.#client = client;
    this.#memberRank = options.memberRank;
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
        this.#assign(args.licenceId as Hex, Number(args.issuerDepartment), 1);
        return;
      case "BatchIssued":
        this.#assign(args.batchRoot as Hex, Number(args.issuerDepartment), Number(args.count));
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
      list = { size: 0, statuses: new Uint8Array(1024), own: new Map() };
      this.#lists.set(departmentId, list);
    }
    return list;
  }

  #assign(id: Hex, departmentId: number, count: number): void {
    const list = this.#listOf(departmentId);
    this.#slots.set(id.toLowerCase(), { id: id.toLowerCase(), departmentId, start: list.size, count });
    list.size += count;
    if (list.size > list.statuses.length) {
      const grown = new Uint8Array(Math.max(list.size, list.statuses.length * 2));
      grown.set(list.statuses);
      list.statuses = grown;
    }
  }

  #change(args: Record<string, unknown>, status: CredentialStatus): void {
    const licenceId = (args.licenceId as Hex).toLowerCase() as Hex;
    const batchRoot = (args.batchRoot as Hex).toLowerCase() as Hex;
    if (batchRoot === ZERO) {
      const slot = this.#slots.get(licenceId);
      if (slot === undefined) return;
      if (slot.count === 1 && !this.#batchStatus.has(licenceId)) {
        this.#set(slot.departmentId, slot.start, status);
        return;
      }
      // A whole batch: every member's entry becomes the worse of the batch's and its own status.
      this.#batchStatus.set(licenceId, status);
      for (let i = 0; i < slot.count; i++) this.#refresh(slot, i);
      return;
    }
    const key = `${batchRoot}:${licenceId}`;
    this.#memberStatus.set(key, { batchRoot, licenceId, status, departmentId: Number(args.issuerDepartment) });
    const slot = this.#slots.get(batchRoot);
    const rank = this.#memberRank?.(batchRoot, licenceId);
    if (slot !== undefined && rank !== undefined && rank < slot.count) {
      this.#listOf(slot.departmentId).own.set(slot.start + rank, status);
      this.#refresh(slot, rank);
    }
  }

  #refresh(slot: Slot, rank: number): void {
    const list = this.#listOf(slot.departmentId);
    const batch = this.#batchStatus.get(slot.id) ?? CredentialStatus.Valid;
    const own = list.own.get(slot.start + rank) ?? CredentialStatus.Valid;
    this.#set(slot.departmentId, slot.start + rank, worse(batch, own));
  }

  #set(departmentId: number, index: number, status: CredentialStatus): void {
    this.#listOf(departmentId).statuses[index] = status;
  }

  /** The department's list as of {@link blockNumber}. */
  list(departmentId: number): DepartmentStatusList {
    const list = this.#lists.get(departmentId);
    if (list === undefined) return { departmentId, size: 0, statuses: new Uint8Array(0) };
    return { departmentId, size: list.size, statuses: list.statuses.slice(0, list.size) };
  }

  /**
   * The status-list index of a licence: its own, or its batch's first index plus its rank among
   * `batchMembers`. `undefined` if the chain read so far has no issue event for it.
   */
  indexOf(
    licenceId: Hex,
    batch?: { root: Hex; memberIds: readonly Hex[] } | undefined,
  ): { departmentId: number; index: number } | undefined {
    if (batch === undefined) {
      const slot = this.#slots.get(licenceId.toLowerCase());
      return slot === undefined || slot.count !== 1
        ? undefined
        : { departmentId: slot.departmentId, index: slot.start };
    }
    const slot = this.#slots.get(batch.root.toLowerCase());
    const rank = batchRankOf(batch.memberIds, licenceId);
    if (slot === undefined || rank === undefined || rank >= slot.count) return undefined;
    return { departmentId: slot.departmentId, index: slot.start + rank };
  }

  /** Member status changes whose rank the index could not resolve (no `memberRank` answer). */
  unplacedMemberChanges(): Pending[] {
    return [...this.#memberStatus.values()].filter((p) => {
      const slot = this.#slots.get(p.batchRoot);
      return slot === undefined || this.#memberRank?.(p.batchRoot, p.licenceId) === undefined;
    });
  }
}

function worse(a: CredentialStatus, b: CredentialStatus): CredentialStatus {
  if (a === CredentialStatus.Revoked || b === CredentialStatus.Revoked) return CredentialStatus.Revoked;
  if (a === CredentialStatus.Suspended || b === CredentialStatus.Suspended) return CredentialStatus.Suspended;
  return CredentialStatus.Valid;
}
