/**
 * The audit fallback read from the chain itself, for when no indexer answers: the OneWindow events
 * of a block range, read in chunks, and an incremental history with block times.
 */
import type { OneWindowClient } from "../chain/client.ts";
import type { ContractName } from "../chain/deployment.ts";
import { getOneWindowEvents, type OneWindowEvent } from "../chain/watch.ts";

export type GetChainEventsParameters = {
  fromBlock: bigint;
  toBlock: bigint;
  /** Only these contracts (default: every contract of the deployment). */
  contracts?: readonly ContractName[] | undefined;
  /** Most blocks per `eth_getLogs` (default 5,000). */
  maxBlockRange?: number | undefined;
};

/**
 * The OneWindow events of a block range in chain order, read `maxBlockRange` blocks at a time.
 *
 * @example
 * const events = await getChainEvents(client, { fromBlock: 1n, toBlock: await client.public.getBlockNumber() });
 */
export async function getChainEvents(
  client: OneWindowClient,
  parameters: GetChainEventsParameters,
): Promise<OneWindowEvent[]> {
  const range = BigInt(parameters.maxBlockRange ?? 5000);
  const events: OneWindowEvent[] = [];
  for (let from = parameters.fromBlock; from <= parameters.toBlock; from += range) {
    const to = from + range - 1n < parameters.toBlock ? from + range - 1n : parameters.toBlock;
    events.push(
      ...(await getOneWindowEvents(client, { fromBlock: from, toBlock: to, contracts: parameters.contracts })),
    );
  }
  return events;
}

/** Every event read so far, in chain order, with the Unix time of each of their blocks. */
export type ChainHistory = { toBlock: bigint; events: OneWindowEvent[]; times: Map<bigint, number> };

export type CreateChainHistoryParameters = {
  /** The deployment's start block. */
  fromBlock: bigint;
  contracts?: readonly ContractName[] | undefined;
};

/** A history that reads only the blocks added since its last read. */
export type ChainHistoryReader = { read(): Promise<ChainHistory> };

/**
 * An incremental reader of the chain's OneWindow events with block times: each `read()` adds the
 * blocks since the previous one (concurrent reads share one refresh).
 *
 * @example
 * const history = createChainHistory(client, { fromBlock: BigInt(deployment.startBlock) });
 * const { events, times } = await history.read();
 */
export function createChainHistory(
  client: OneWindowClient,
  parameters: CreateChainHistoryParameters,
): ChainHistoryReader {
  const history: ChainHistory = { toBlock: parameters.fromBlock - 1n, events: [], times: new Map() };
  let refreshing: Promise<ChainHistory> | undefined;
  const refresh = async (): Promise<ChainHistory> => {
    const latest = await client.public.getBlockNumber({ cacheTime: 0 });
    if (latest > history.toBlock) {
      const fresh = await getChainEvents(client, {
        fromBlock: history.toBlock + 1n,
        toBlock: latest,
        contracts: parameters.contracts,
      });
      const blocks = [...new Set(fresh.map((e) => e.blockNumber))].filter((b) => !history.times.has(b));
      const read = await Promise.all(blocks.map((blockNumber) => client.public.getBlock({ blockNumber })));
      for (const block of read) history.times.set(block.number, Number(block.timestamp));
      history.events.push(...fresh);
      history.toBlock = latest;
    }
    return history;
  };
  return {
    read() {
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
  };
}
