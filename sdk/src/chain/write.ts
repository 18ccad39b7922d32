import {
  BaseError as ViemBaseError,
  parseEventLogs,
  type Abi,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type Log,
  type ParseEventLogsReturnType,
  type TransactionReceipt,
} from "viem";

import { decodeContractError, TransactionFailedError } from "../errors/contract.ts";
import { requireWallet, type OneWindowClient } from "./client.ts";
import { ABIS_WITH_ERRORS, ALL_EVENTS_ABI, type AbiOf } from "./contracts.ts";
import type { ContractName } from "./deployment.ts";

type Writable = "nonpayable" | "payable";

/** What {@link writeContract} sends. */
export type WriteParameters<N extends ContractName, F extends ContractFunctionName<AbiOf<N>, Writable>> = {
  contract: N;
  functionName: F;
  args: ContractFunctionArgs<AbiOf<N>, Writable, F>;
  /** Gas limit; estimated by the node when absent. */
  gas?: bigint | undefined;
};

/** A mined, successful transaction with its decoded OneWindow events. */
export type WriteResult = {
  hash: Hash;
  receipt: TransactionReceipt;
  events: ParseEventLogsReturnType<typeof ALL_EVENTS_ABI, undefined, true>;
};

/**
 * Sends a transaction to a OneWindow contract and waits until it is mined (polling, so it works
 * on a chain that mines every few seconds). A revert, at estimation or on chain, is thrown as a
 * {@link ContractRevertError} naming the contract's error and its arguments.
 *
 * The account's nonce manager keeps nonces right when many writes are in flight at once.
 *
 * @example
 * const { events } = await writeContract(client, {
 *   contract: "LicenceRegistry",
 *   functionName: "recordVerification",
 *   args: [licenceId, purpose, mask, 1],
 * });
 */
export async function writeContract<N extends ContractName, F extends ContractFunctionName<AbiOf<N>, Writable>>(
  client: OneWindowClient,
  parameters: WriteParameters<N, F>,
): Promise<WriteResult> {
  const hash = await sendContract(client, parameters);
  return waitForWrite(client, hash);
}

/**
 * Sends without waiting: returns the transaction hash once the node has accepted it. Pair with
 * {@link waitForWrite}. Reverts found at gas estimation are thrown decoded.
 */
export async function sendContract<N extends ContractName, F extends ContractFunctionName<AbiOf<N>, Writable>>(
  client: OneWindowClient,
  parameters: WriteParameters<N, F>,
): Promise<Hash> {
  const wallet = requireWallet(client);
  const abi: Abi = ABIS_WITH_ERRORS[parameters.contract];
  try {
    return await inOrder(client, async (nonce) =>
      wallet.writeContract({
        address: client.addresses[parameters.contract],
        abi,
        functionName: parameters.functionName as string,
        args: parameters.args as readonly unknown[],
        nonce: await nonce(),
        ...(parameters.gas === undefined ? {} : { gas: parameters.gas }),
      }),
    );
  } catch (error) {
    throw decodeContractError(error, { contract: parameters.contract, functionName: parameters.functionName });
  }
}

/** Each account's queue of sends and the next nonce it will use, by chain id and address. */
const sendQueues = new Map<string, { tail: Promise<unknown>; nonce: number | undefined }>();

/**
 * Runs `send` (estimate, sign, hand to the node) after every earlier send of the same account has
 * been accepted by the node, so that nonces reach the node in order: an automining node refuses a
 * nonce from the future, and a gap would stall an interval-mining one. Waiting for receipts is not
 * serialised: many transactions stay in flight.
 *
 * `send` gets `nonce()`, the account's next nonce: read from the node (pending) when the queue
 * starts, then counted locally while the queue is busy, so a burst of sends costs one nonce
 * request. A send that fails makes the next one read the nonce again.
 *
 * @example
 * const hash = await inOrder(client, async (nonce) =>
 *   client.wallet!.sendTransaction({ to, value, nonce: await nonce() }),
 * );
 */
export function inOrder<T>(client: OneWindowClient, send: (nonce: () => Promise<number>) => Promise<T>): Promise<T> {
  const address = requireWallet(client).account.address;
  const key = `${client.chain.id}:${address}`;
  const queue = sendQueues.get(key) ?? { tail: Promise.resolve(), nonce: undefined };
  let used: number | undefined;
  const nonce = async () => {
    used = queue.nonce ?? (await client.public.getTransactionCount({ address, blockTag: "pending" }));
    return used;
  };
  const run = () =>
    send(nonce).then(
      (value) => {
        // A send that took its nonce elsewhere (the account's own nonce manager) leaves the count unknown.
        queue.nonce = used === undefined ? undefined : used + 1;
        return value;
      },
      (error: unknown) => {
        queue.nonce = undefined;
        throw error;
      },
    );
  const next = queue.tail.then(run, run);
  const tail = next.catch(() => undefined);
  queue.tail = tail;
  sendQueues.set(key, queue);
  void tail.then(() => {
    if (queue.tail === tail) sendQueues.delete(key);
  });
  return next;
}

/**
 * Milliseconds between the first receipt reads after a send. hardhat node mines before it answers
 * the send; anvil answers first and mines a few milliseconds later, so a first read finds nothing
 * and a plain poll would then wait a whole polling interval. Only delays shorter than the client's
 * polling interval are used; a node with block times (Besu) costs a few more reads per transaction.
 */
const QUICK_RECEIPT_DELAYS = [1, 2, 4, 8, 16, 32];

/** The receipt if the node has it now or within the quick delays, else undefined. */
async function quickReceipt(client: OneWindowClient, hash: Hash): Promise<TransactionReceipt | undefined> {
  for (const delay of [0, ...QUICK_RECEIPT_DELAYS.filter((d) => d < client.pollingInterval)]) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const receipt = await client.public.getTransactionReceipt({ hash }).catch(() => undefined);
    if (receipt) return receipt;
  }
  return undefined;
}

/** Waits for a transaction sent by {@link sendContract} and decodes its events. */
export async function waitForWrite(client: OneWindowClient, hash: Hash): Promise<WriteResult> {
  let receipt: TransactionReceipt;
  try {
    // An automining node has the receipt at once or within milliseconds; otherwise poll until a block includes it.
    receipt =
      (await quickReceipt(client, hash)) ??
      (await client.public.waitForTransactionReceipt({
        hash,
        pollingInterval: client.pollingInterval,
        timeout: 120_000,
      }));
  } catch (error) {
    throw new TransactionFailedError(hash, error instanceof ViemBaseError ? error.shortMessage : String(error), error);
  }
  if (receipt.status !== "success") throw await revertedOnChain(client, hash, receipt);
  return {
    hash,
    receipt,
    events: parseEventLogs({ abi: ALL_EVENTS_ABI, logs: receipt.logs as Log[], strict: true }) as WriteResult["events"],
  };
}

/** Replays a transaction that reverted on chain to learn its error. */
async function revertedOnChain(client: OneWindowClient, hash: Hash, receipt: TransactionReceipt) {
  const transaction = await client.public.getTransaction({ hash });
  if (receipt.gasUsed >= transaction.gas) {
    // Estimated before another transaction changed what this one does (e.g. a concurrent vote).
    return new TransactionFailedError(hash, `ran out of gas (all ${transaction.gas} gas used); send it again`);
  }
  try {
    await client.public.call({
      account: transaction.from,
      to: transaction.to,
      data: transaction.input,
      blockNumber: receipt.blockNumber - 1n,
    });
  } catch (error) {
    return decodeContractError(error, {});
  }
  return new TransactionFailedError(hash, "reverted on chain");
}

/** The first decoded event named `eventName` of a write, or an error if it is missing. */
export function eventOf<E extends WriteResult["events"][number]["eventName"]>(
  result: WriteResult,
  eventName: E,
): Extract<WriteResult["events"][number], { eventName: E }> {
  const event = result.events.find((e) => e.eventName === eventName);
  if (!event) throw new TransactionFailedError(result.hash, `emitted no ${eventName} event`);
  return event as Extract<WriteResult["events"][number], { eventName: E }>;
}

/** Every decoded event named `eventName` of a write. */
export function eventsOf<E extends WriteResult["events"][number]["eventName"]>(
  result: WriteResult,
  eventName: E,
): Extract<WriteResult["events"][number], { eventName: E }>[] {
  return result.events.filter((e) => e.eventName === eventName) as Extract<
    WriteResult["events"][number],
    { eventName: E }
  >[];
}
