/**
 * Feeds real chain logs to the built subgraph WASM, as graph-node would: every log of every
 * OneWindow contract from the deployment's start block, in chain order, dispatched by the
 * manifest's event signatures to the data source's handler, with its block (number, timestamp,
 * hash) and transaction (hash, index, from, to, input, nonce), parameters typed as `ethereum.Value`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import {
  createPublicClient,
  hexToBytes,
  keccak256,
  decodeEventLog,
  http,
  toEventSelector,
  type Abi,
  type AbiEvent,
  type AbiParameter,
  type Hex,
  type Log,
} from "viem";

import { Host, type EthValue, type EventInput } from "./instance.ts";
import { EntityStore } from "./store.ts";

type Deployment = { chainId: number; contracts: Record<string, { address: string; startBlock: number }> };
type Handler = { dataSource: string; handler: string; event: AbiEvent };

/** Handlers of the built manifest (build/subgraph.yaml), by data source and event signature. */
export function manifestHandlers(buildDir: string): Map<string, Map<string, string>> {
  const text = readFileSync(path.join(buildDir, "subgraph.yaml"), "utf8");
  const out = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let pendingEvent: string | undefined;
  for (const line of text.split("\n")) {
    const name = /^\s{4}name:\s*(\S+)/.exec(line);
    if (name) {
      current = new Map();
      out.set(name[1]!, current);
    }
    const event = /^\s*- event:\s*(.+)$/.exec(line);
    const handler = /^\s*handler:\s*(\S+)/.exec(line);
    if (event) pendingEvent = event[1]!.trim();
    else if (handler && pendingEvent !== undefined && current) {
      current.set(pendingEvent.replace(/^(["'])(.*)\1$/, "$2"), handler[1]!);
      pendingEvent = undefined;
    } else if (pendingEvent !== undefined && line.trim() !== "") {
      // graph build folds long signatures over several lines (a plain scalar: a break is a space).
      pendingEvent += ` ${line.trim()}`;
    }
  }
  return out;
}

function canonical(parameter: AbiParameter): string {
  if (!parameter.type.startsWith("tuple")) return parameter.type;
  const components = (parameter as { components: readonly AbiParameter[] }).components;
  return `(${components.map(canonical).join(",")})${parameter.type.slice("tuple".length)}`;
}

function manifestSignature(event: AbiEvent): string {
  return `${event.name}(${event.inputs.map((i) => `${i.indexed ? "indexed " : ""}${canonical(i)}`).join(",")})`;
}

/** An ABI-decoded value as the `ethereum.Value` graph-node builds for its type. */
export function ethValue(parameter: AbiParameter, value: unknown): EthValue {
  const type = parameter.type;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const inner = { ...parameter, type: array[1]! } as AbiParameter;
    return {
      kind: array[2] === "" ? "array" : "fixedArray",
      value: (value as unknown[]).map((v) => ethValue(inner, v)),
    };
  }
  if (type === "tuple") {
    const components = (parameter as { components: readonly AbiParameter[] }).components;
    return {
      kind: "tuple",
      value: components.map((component, i) =>
        ethValue(
          component,
          Array.isArray(value) ? value[i] : (value as Record<string, unknown>)[component.name ?? String(i)],
        ),
      ),
    };
  }
  if (type === "address") return { kind: "address", value: (value as string).toLowerCase() };
  if (type === "bool") return { kind: "bool", value: value as boolean };
  if (type === "string") return { kind: "string", value: value as string };
  if (type === "bytes") return { kind: "bytes", value: value as string };
  if (/^bytes\d+$/.test(type)) return { kind: "fixedBytes", value: value as string };
  if (/^uint\d*$/.test(type)) return { kind: "uint", value: BigInt(value as bigint | number) };
  if (/^int\d*$/.test(type)) return { kind: "int", value: BigInt(value as bigint | number) };
  throw new Error(`host: unsupported ABI type ${type}`);
}

export type FeedResult = {
  store: EntityStore;
  events: number;
  byHandler: Map<string, number>;
  /** Blocks whose logsBloom lacks the address or topic0 of one of their logs (a node bug). */
  bloomMisses: bigint[];
};

/** Whether an item (address or topic) is in a block's 2048-bit logs bloom (yellow paper, M3:2048). */
export function inBloom(bloom: Hex, item: Hex): boolean {
  const bits = hexToBytes(bloom);
  const hash = hexToBytes(keccak256(item));
  for (let i = 0; i < 6; i += 2) {
    const bit = ((hash[i]! << 8) | hash[i + 1]!) & 2047;
    if ((bits[255 - (bit >> 3)]! & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}

/**
 * Indexes a chain into a fresh store with the built subgraph: fetches the logs, blocks and
 * transactions, and runs each log's handler. Throws on a handler failure (with the event).
 */
export async function indexChain(options: {
  rpcUrl: string;
  deploymentFile: string;
  buildDir: string;
  abis: Record<string, Abi>;
}): Promise<FeedResult> {
  const deployment = JSON.parse(readFileSync(options.deploymentFile, "utf8")) as Deployment;
  const handlers = manifestHandlers(options.buildDir);
  const store = new EntityStore(path.join(options.buildDir, "schema.graphql"));
  const hosts = new Map<string, Host>();
  const byAddress = new Map<string, Map<Hex, Handler>>();
  let fromBlock = Number.MAX_SAFE_INTEGER;
  for (const [dataSource, events] of handlers) {
    const contract = deployment.contracts[dataSource];
    const abi = options.abis[dataSource];
    if (!contract || !abi) throw new Error(`parity: the deployment or the ABIs lack ${dataSource}`);
    fromBlock = Math.min(fromBlock, contract.startBlock);
    const bySelector = new Map<Hex, Handler>();
    for (const item of abi) {
      if (item.type !== "event") continue;
      const handler = events.get(manifestSignature(item));
      if (handler) bySelector.set(toEventSelector(item), { dataSource, handler, event: item });
    }
    if (bySelector.size !== events.size) {
      throw new Error(`parity: ${events.size - bySelector.size} of ${dataSource}'s manifest events match no ABI event`);
    }
    byAddress.set(contract.address.toLowerCase(), bySelector);
    const wasm = path.join(options.buildDir, dataSource, `${dataSource}.wasm`);
    hosts.set(dataSource, await Host.instantiate(new WebAssembly.Module(readFileSync(wasm)), { store }));
  }

  const client = createPublicClient({ transport: http(options.rpcUrl) });
  const logs = (await client.getLogs({
    address: [...byAddress.keys()] as Hex[],
    fromBlock: BigInt(fromBlock),
    toBlock: "latest",
  })) as Log<bigint, number, false>[];
  logs.sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );

  const blocks = new Map<bigint, { timestamp: bigint; hash: Hex; parentHash: Hex; logsBloom: Hex }>();
  const transactions = new Map<Hex, { index: number; from: Hex; to: Hex | null; input: Hex; nonce: number }>();
  const blockNumbers = [...new Set(logs.map((log) => log.blockNumber))];
  const hashes = [...new Set(logs.map((log) => log.transactionHash))];
  await inBatches(blockNumbers, async (number) => {
    const block = await client.getBlock({ blockNumber: number });
    blocks.set(number, {
      timestamp: block.timestamp,
      hash: block.hash!,
      parentHash: block.parentHash,
      logsBloom: block.logsBloom!,
    });
  });
  await inBatches(hashes, async (hash) => {
    const tx = await client.getTransaction({ hash });
    transactions.set(hash, { index: tx.transactionIndex!, from: tx.from, to: tx.to, input: tx.input, nonce: tx.nonce });
  });

  const byHandler = new Map<string, number>();
  const perTransaction = new Map<Hex, number>();
  let events = 0;
  const bloomMisses = new Set<bigint>();
  for (const log of logs) {
    const bloom = blocks.get(log.blockNumber)!.logsBloom;
    if (!inBloom(bloom, log.address) || (log.topics[0] && !inBloom(bloom, log.topics[0]))) {
      bloomMisses.add(log.blockNumber);
    }
    const topic = log.topics[0];
    const target = topic ? byAddress.get(log.address.toLowerCase())?.get(topic) : undefined;
    const position = perTransaction.get(log.transactionHash) ?? 0;
    perTransaction.set(log.transactionHash, position + 1);
    if (!target) continue;
    const decoded = decodeEventLog({ abi: [target.event], data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    const args = decoded.args as unknown as Record<string, unknown>;
    const block = blocks.get(log.blockNumber)!;
    const tx = transactions.get(log.transactionHash)!;
    const input: EventInput = {
      address: log.address.toLowerCase(),
      logIndex: BigInt(log.logIndex),
      transactionLogIndex: BigInt(position),
      block: { number: log.blockNumber, timestamp: block.timestamp, hash: block.hash, parentHash: block.parentHash },
      transaction: {
        hash: log.transactionHash,
        index: BigInt(tx.index),
        from: tx.from,
        to: tx.to,
        input: tx.input,
        nonce: BigInt(tx.nonce),
      },
      parameters: target.event.inputs.map((parameter, i) => ({
        name: parameter.name ?? `param${i}`,
        value: ethValue(parameter, args[parameter.name ?? String(i)]),
      })),
    };
    try {
      hosts.get(target.dataSource)!.handle(target.handler, input);
    } catch (error) {
      throw new Error(
        `parity: ${target.dataSource}.${target.handler} failed at block ${log.blockNumber} log ${log.logIndex} (tx ${log.transactionHash}): ${(error as Error).message}`,
      );
    }
    byHandler.set(target.handler, (byHandler.get(target.handler) ?? 0) + 1);
    events++;
  }
  return { store, events, byHandler, bloomMisses: [...bloomMisses] };
}

async function inBatches<T>(items: T[], fn: (item: T) => Promise<void>, size = 16): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
