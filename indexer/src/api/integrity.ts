/**
 * The integrity check: the indexer must never silently miss a block. Every few seconds
 * (ONEWINDOW_INTEGRITY_MS, default 10000) it takes the blocks indexed since the last check, asks the
 * node (ONEWINDOW_INTEGRITY_RPC_URL, default the indexer's own RPC URL) for the logs of the indexed
 * events at the deployment's addresses, and compares their count per block with `indexed_block`
 * (written by every handler, src/lib/registry.ts). A difference seen twice in a row (a reorg being
 * reconciled can differ once) is a gap: from then on /integrity and the audit API answer 503 naming
 * the block, until the indexer is rebuilt from scratch.
 */
import { db, publicClients } from "ponder:api";
import { IndexedBlock } from "ponder:schema";
import { between } from "ponder";
import { createPublicClient, http, numberToHex, type Address, type Hex, type PublicClient } from "viem";

import { indexerDeployment } from "../lib/deployment.ts";
import { indexedLogKeys, logKey, type IndexedContract } from "../lib/indexed.ts";

/** Blocks per eth_getLogs request (well under common provider limits on a local node's logs). */
const CHUNK = 2_000;

export type IntegrityGap = {
  /** First block whose indexed log count differs from the node's. */
  block: number;
  nodeLogs: number;
  indexedLogs: number;
  /** The range being checked when the gap was found. */
  fromBlock: number;
  toBlock: number;
};

export type IntegrityReport = {
  ok: boolean;
  /** Every block up to this one was compared and agrees with the node (startBlock - 1 before the first check). */
  checkedThrough: number;
  /** Latest block the indexer has indexed (null before it started). */
  indexedThrough: number | null;
  gap: IntegrityGap | null;
  /** Why the last check could not run (node unreachable…), or null. */
  lastError: string | null;
  message?: { en: string; zh: string };
};

type PonderStatus = Record<string, { block: { number: number } | null; ready: boolean }>;

const { chainId, rpcUrl: ownRpcUrl, deployment } = indexerDeployment();
const contracts = Object.fromEntries(
  Object.entries(deployment.contracts).map(([name, c]) => [name, c.address]),
) as Record<IndexedContract, Address>;
const keys = indexedLogKeys(contracts);
const addresses = [...new Set([...keys].map((k) => k.split(":")[0] as Address))];
const startBlock = Math.min(
  ...Object.keys(contracts).map((name) => deployment.contracts[name as IndexedContract].startBlock),
);
const client: PublicClient = process.env.ONEWINDOW_INTEGRITY_RPC_URL
  ? createPublicClient({ transport: http(process.env.ONEWINDOW_INTEGRITY_RPC_URL) })
  : ((publicClients as Record<number, PublicClient>)[chainId] ?? createPublicClient({ transport: http(ownRpcUrl) }));
const intervalMs = Number(process.env.ONEWINDOW_INTEGRITY_MS ?? "10000");

const state: Omit<IntegrityReport, "ok" | "message"> & { suspect: number | null } = {
  checkedThrough: startBlock - 1,
  indexedThrough: null,
  gap: null,
  lastError: null,
  suspect: null,
};

/**
 * The last block whose handled logs are all written: the indexed block of Ponder's status, less one
 * while historical indexing runs (a batch of events may end inside a block).
 */
async function indexedThrough(): Promise<number | null> {
  const database = (globalThis as unknown as { PONDER_DATABASE: { getStatus(): Promise<PonderStatus | null> } })
    .PONDER_DATABASE;
  const networks = Object.values((await database.getStatus()) ?? {});
  if (networks.length === 0 || networks.some((n) => n.block === null)) return null;
  const through = Math.min(...networks.map((n) => n.block!.number));
  return networks.every((n) => n.ready) ? through : through - 1;
}

/** Compares [from, to]; returns the first differing block, or null when all agree. */
async function compare(from: number, to: number): Promise<IntegrityGap | null> {
  const node = new Map<number, number>();
  for (let start = from; start <= to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK - 1);
    const logs = await client.request({
      method: "eth_getLogs",
      params: [{ address: addresses, fromBlock: numberToHex(start), toBlock: numberToHex(end) }],
    });
    for (const log of logs as { address: Address; topics: Hex[]; blockNumber: Hex | null; removed?: boolean }[]) {
      if (log.removed || log.blockNumber === null || !keys.has(logKey(log))) continue;
      const block = Number(BigInt(log.blockNumber));
      node.set(block, (node.get(block) ?? 0) + 1);
    }
  }
  const rows = await db
    .select()
    .from(IndexedBlock)
    .where(between(IndexedBlock.id, BigInt(from), BigInt(to)));
  const indexed = new Map(rows.map((r) => [Number(r.id), r.logs]));
  const blocks = [...new Set([...node.keys(), ...indexed.keys()])].sort((a, b) => a - b);
  for (const block of blocks) {
    const nodeLogs = node.get(block) ?? 0;
    const indexedLogs = indexed.get(block) ?? 0;
    if (nodeLogs !== indexedLogs) return { block, nodeLogs, indexedLogs, fromBlock: from, toBlock: to };
  }
  return null;
}

/** One check of the blocks indexed since the last one (exported for the route's first answer). */
export async function checkOnce(): Promise<void> {
  if (state.gap) return;
  try {
    const through = await indexedThrough();
    state.indexedThrough = through;
    if (through === null || through <= state.checkedThrough) return;
    const from = state.checkedThrough + 1;
    const gap = await compare(from, through);
    state.lastError = null;
    if (gap === null) {
      state.checkedThrough = through;
      state.suspect = null;
    } else if (state.suspect === gap.block) {
      state.gap = gap;
      console.error(`[integrity] ${gapMessage(gap).en}`);
    } else {
      state.suspect = gap.block;
      state.checkedThrough = gap.block - 1;
    }
  } catch (error) {
    state.lastError = (error as Error).message.split("\n")[0] ?? String(error);
  }
}

export function gapMessage(gap: IntegrityGap): { en: string; zh: string } {
  return {
    en:
      `The index is incomplete: block ${gap.block} has ${gap.nodeLogs} OneWindow log(s) on the node but ` +
      `${gap.indexedLogs} indexed (checked blocks ${gap.fromBlock}–${gap.toBlock}). Audit data from this indexer ` +
      `cannot be trusted: stop it and index again from scratch (delete its PGlite directory or drop its database schema), ` +
      `then check the node's RPC.`,
    zh:
      `索引不完整：区块 ${gap.block} 在节点上有 ${gap.nodeLogs} 条 OneWindow 日志，但已索引 ${gap.indexedLogs} 条` +
      `（检查区块 ${gap.fromBlock}–${gap.toBlock}）。此索引器的审计数据不可信：请停止索引器并从头重新索引` +
      `（删除其 PGlite 目录或数据库 schema），并检查节点 RPC。`,
  };
}

/** The current answer of /integrity. */
export function integrityReport(): IntegrityReport {
  const { suspect: _suspect, ...rest } = state;
  return state.gap ? { ok: false, ...rest, message: gapMessage(state.gap) } : { ok: true, ...rest };
}

let running = false;
const timer = setInterval(() => {
  if (running) return;
  running = true;
  void checkOnce().finally(() => (running = false));
}, intervalMs);
timer.unref();
