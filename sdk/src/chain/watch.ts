import { parseEventLogs, type Log } from "viem";

import { decodeContractError } from "../errors/contract.ts";
import type { OneWindowClient } from "./client.ts";
import { eventsAbiFor } from "./contracts.ts";
import type { ContractName } from "./deployment.ts";
import type { WriteResult } from "./write.ts";

/** A decoded OneWindow event with its block, transaction and log index. */
export type OneWindowEvent = WriteResult["events"][number];

/** What {@link getOneWindowEvents} reads. */
export type GetOneWindowEventsParameters = {
  fromBlock: bigint;
  toBlock: bigint;
  /** Only these contracts (default: every contract of the deployment). */
  contracts?: readonly ContractName[] | undefined;
};

/**
 * The OneWindow events of a block range, decoded, in chain order.
 *
 * @example
 * const events = await getOneWindowEvents(client, { fromBlock: 1n, toBlock: 100n });
 */
export async function getOneWindowEvents(
  client: OneWindowClient,
  parameters: GetOneWindowEventsParameters,
): Promise<OneWindowEvent[]> {
  const names = parameters.contracts ?? (Object.keys(client.addresses) as ContractName[]);
  try {
    const logs = await client.public.getLogs({
      address: names.map((name) => client.addresses[name]),
      fromBlock: parameters.fromBlock,
      toBlock: parameters.toBlock,
    });
    return parseEventLogs({ abi: eventsAbiFor(logs as Log[]), logs: logs as Log[], strict: true }) as OneWindowEvent[];
  } catch (error) {
    throw decodeContractError(error, {});
  }
}

/** What {@link watchOneWindowEvents} needs. */
export type WatchOneWindowEventsParameters = {
  /**
   * First block to read. To resume after a restart, pass the `toBlock` of the last batch that
   * `onEvents` finished, plus one: no event is missed or delivered twice.
   */
  fromBlock: bigint;
  /** Called with each batch of events, in order; the next batch waits until it resolves. */
  onEvents: (events: OneWindowEvent[], range: { fromBlock: bigint; toBlock: bigint }) => void | Promise<void>;
  /** Called when a poll fails (the watcher keeps polling); default: ignore. */
  onError?: ((error: Error) => void) | undefined;
  /** Most blocks per `eth_getLogs` (default 2,000). */
  maxBlockRange?: number | undefined;
  contracts?: readonly ContractName[] | undefined;
};

/** A running watcher. */
export type OneWindowEventWatcher = {
  /** Stops polling; resolves once the batch in progress (if any) is delivered. */
  stop: () => Promise<void>;
  /** The next block the watcher will read (every block before it was delivered). */
  readonly nextBlock: bigint;
};

/**
 * Polls the chain for OneWindow events from a block on, delivering them in order in batches of
 * block ranges. Works the same on an automining node, an interval-mining one and Besu.
 *
 * @example
 * let checkpoint = loadCheckpoint() ?? BigInt(deployment.startBlock);
 * const watcher = watchOneWindowEvents(client, {
 *   fromBlock: checkpoint,
 *   onEvents: async (events, { toBlock }) => {
 *     await store(events);
 *     saveCheckpoint(toBlock + 1n);
 *   },
 * });
 */
export function watchOneWindowEvents(
  client: OneWindowClient,
  parameters: WatchOneWindowEventsParameters,
): OneWindowEventWatcher {
  const maxRange = BigInt(parameters.maxBlockRange ?? 2000);
  let next = parameters.fromBlock;
  let stopped = false;
  let wake: (() => void) | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, client.pollingInterval);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      try {
        const latest = await client.public.getBlockNumber({ cacheTime: 0 });
        while (!stopped && next <= latest) {
          const toBlock = latest - next + 1n > maxRange ? next + maxRange - 1n : latest;
          const events = await getOneWindowEvents(client, {
            fromBlock: next,
            toBlock,
            contracts: parameters.contracts,
          });
          await parameters.onEvents(events, { fromBlock: next, toBlock });
          next = toBlock + 1n;
        }
      } catch (error) {
        parameters.onError?.(error as Error);
      }
      if (!stopped) await sleep();
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
    get nextBlock() {
      return next;
    },
  };
}
