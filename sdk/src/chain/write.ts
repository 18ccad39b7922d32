import {
  BaseError as ViemBaseError,
  encodeFunctionData,
  getContractError,
  InsufficientFundsError as ViemInsufficientFundsError,
  maxUint256,
  NonceTooLowError,
  parseEventLogs,
  type Abi,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  type Log,
  type Transaction,
  type ParseEventLogsReturnType,
  type TransactionReceipt,
  type TransactionSerializable,
} from "viem";

import { OneWindowError } from "../errors/base.ts";
import { ContractRevertError, decodeContractError, TransactionFailedError } from "../errors/contract.ts";
import { InsufficientFundsError, TransactionLostError } from "../errors/sending.ts";
import { requireWallet, type OneWindowClient } from "./client.ts";
import { ABIS_WITH_ERRORS, ALL_EVENTS_ABI, eventsAbiFor, type AbiOf } from "./contracts.ts";
import { forgetSent, sentTransaction } from "./sent.ts";
import type { ContractName } from "./deployment.ts";

type Writable = "nonpayable" | "payable";

/** What {@link writeContract} sends. */
export type WriteParameters<N extends ContractName, F extends ContractFunctionName<AbiOf<N>, Writable>> = {
  contract: N;
  functionName: F;
  args: ContractFunctionArgs<AbiOf<N>, Writable, F>;
  /** Gas limit; when absent, the node's estimate with headroom ({@link withHeadroom}). */
  gas?: bigint | undefined;
  /**
   * The fixed gas added to the node's estimate when `gas` is absent (default
   * {@link WRITE_GAS_HEADROOM}): more where concurrent transactions can make this one do more.
   */
  headroom?: bigint | undefined;
  /**
   * The action's own checks, still running (e.g. a read of the signer's department): the
   * transaction is prepared meanwhile (gas, fees), and signed and sent only once they pass. If they
   * fail, their error is thrown (before an estimate's revert) and nothing is sent. Saves the checks'
   * round trip to the node on the way to the send.
   */
  checks?: Promise<unknown> | undefined;
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
 * Nonces stay right when many writes are in flight at once, from one client or several sharing a
 * key ({@link inOrder}); a transaction whose nonce another program took is sent again.
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
  // A transaction replaced by another with its nonce (another program's) never runs: send it again.
  for (let attempt = 0; ; attempt++) {
    const hash = await sendContract(client, parameters);
    try {
      return await waitForWrite(client, hash);
    } catch (error) {
      if (!(error instanceof TransactionLostError && error.reason === "replaced") || attempt >= NONCE_RETRIES)
        throw error;
    }
  }
}

/**
 * Sends without waiting: returns the transaction hash once the node has accepted it. Pair with
 * {@link waitForWrite}. Reverts found at gas estimation are thrown decoded; an account that cannot
 * pay is an {@link InsufficientFundsError}.
 */
export async function sendContract<N extends ContractName, F extends ContractFunctionName<AbiOf<N>, Writable>>(
  client: OneWindowClient,
  parameters: WriteParameters<N, F>,
): Promise<Hash> {
  const wallet = requireWallet(client);
  const abi: Abi = ABIS_WITH_ERRORS[parameters.contract];
  const request = {
    address: client.addresses[parameters.contract],
    abi,
    functionName: parameters.functionName as string,
    args: parameters.args as readonly unknown[],
    ...(parameters.gas === undefined ? {} : { gas: parameters.gas }),
  };
  /** The limit sent for the node's estimate: the caller's `gas`, else the estimate with headroom. */
  const limit = (estimate: bigint) => parameters.gas ?? withHeadroom(estimate, parameters.headroom);
  try {
    return await inOrder(client, async (nonce) => {
      const account = wallet.account;
      if (account.type !== "local") {
        // A wallet that signs elsewhere prepares its own transaction: give it the limit.
        await parameters.checks;
        const gas =
          parameters.gas ?? limit(await client.public.estimateContractGas({ ...request, account: account.address }));
        return wallet.writeContract({ ...request, gas, nonce: await nonce() });
      }
      // As viem's writeContract does for a local account (the same requests: one eth_fillTransaction
      // where the node has it, else estimate, fees), with headroom put on the estimate before signing.
      let prepared;
      try {
        prepared = await wallet.prepareTransactionRequest({
          to: request.address,
          data: encodeFunctionData(request),
          nonce: await nonce(),
          ...(parameters.gas === undefined ? {} : { gas: parameters.gas }),
        });
      } catch (error) {
        await parameters.checks; // a failed check explains a revert better than the contract does
        throw getContractError(error as ViemBaseError, { ...request, sender: account.address });
      }
      await parameters.checks;
      try {
        const signed = await account.signTransaction({
          ...prepared,
          gas: limit(prepared.gas),
        } as TransactionSerializable);
        return await wallet.sendRawTransaction({ serializedTransaction: signed });
      } catch (error) {
        throw getContractError(error as ViemBaseError, { ...request, sender: account.address });
      }
    });
  } catch (error) {
    if (error instanceof OneWindowError) throw error; // the action's own checks
    const decoded = decodeContractError(error, {
      contract: parameters.contract,
      functionName: parameters.functionName,
    });
    if (decoded instanceof ContractRevertError) throw decoded;
    throw (
      (await insufficientFunds(
        client,
        error,
        async () =>
          // The limit the send asked the account to pay for. As if the account could pay, to learn it:
          // with a balance (nodes that take state overrides), else at gas price 0 (nodes then check
          // no balance).
          parameters.gas ??
          limit(
            await client.public
              .estimateContractGas({
                ...request,
                account: wallet.account,
                stateOverride: [{ address: wallet.account.address, balance: maxUint256 / 2n }],
              })
              .catch(() => client.public.estimateContractGas({ ...request, account: wallet.account, gasPrice: 0n })),
          ),
      )) ?? decoded
    );
  }
}

/**
 * The gas limit sent for a node's `estimate`: the estimate holds for the state and clock of the
 * block it was made on, and the block that includes the transaction may be later (a busy automining
 * chain's blocks run ahead of the wall clock; an interval-mining one mines seconds on). A later date
 * makes the engine's calendar do more work (a resubmission counts the working days with the
 * applicant from the return on, a deadline lands in another 256-day window): sent with the bare
 * estimate, such a call runs out of gas inside the calendar and reverts with no data. Unused gas is
 * refunded (free on the production Besu profile). Decisions, whose work depends on concurrent
 * votes, add more (`headroom`: `DECISION_GAS_HEADROOM`).
 */
export function withHeadroom(estimate: bigint, headroom = WRITE_GAS_HEADROOM): bigint {
  return estimate + estimate / 10n + headroom;
}

/** The fixed part of {@link withHeadroom}: a few dozen cold storage reads of the calendar and more. */
export const WRITE_GAS_HEADROOM = 100_000n;

/**
 * If the account of `client` cannot pay for what `estimateGas` sends (a send failed with `error`),
 * the {@link InsufficientFundsError} saying its balance and what is needed; else undefined.
 */
export async function insufficientFunds(
  client: OneWindowClient,
  error: unknown,
  estimateGas: () => Promise<bigint>,
  value = 0n,
): Promise<InsufficientFundsError | undefined> {
  const account = requireWallet(client).account.address;
  const [balance, gas, price] = await Promise.all([
    client.public.getBalance({ address: account }).catch(() => undefined),
    estimateGas().catch(() => undefined),
    client.public.getGasPrice().catch(() => undefined),
  ]);
  if (balance === undefined) return undefined;
  const needed = gas !== undefined && price !== undefined ? gas * price + value : undefined;
  const viemSaysFunds =
    error instanceof ViemBaseError && error.walk((e) => e instanceof ViemInsufficientFundsError) !== null;
  if ((needed !== undefined && balance < needed) || (needed === undefined && (balance === 0n || viemSaysFunds))) {
    return new InsufficientFundsError({ account, balance, needed, cause: error });
  }
  return undefined;
}

/** Each account's queue of sends and the next nonce it will use, by node, chain id and address. */
const sendQueues = new Map<string, { tail: Promise<unknown>; nonce: number | undefined }>();

/** The key of an account's queue: the same key on another node (or another test chain) is another queue. */
function queueKey(client: OneWindowClient): string {
  const address = requireWallet(client).account.address.toLowerCase();
  return `${client.chain.rpcUrls.default.http[0] ?? ""}|${client.chain.id}|${address}`;
}

/**
 * How many times a send refused for its nonce is tried again with a fresh one, after a random pause
 * of up to 20 ms × the attempt, so that two programs racing for the next nonce do not keep meeting.
 */
const NONCE_RETRIES = 10;

/** A node's answer to a nonce another transaction already took (another program with the same key). */
function isNonceTaken(error: unknown): boolean {
  const text = (e: unknown) =>
    e instanceof Error ? `${e.message} ${(e as { details?: string }).details ?? ""}` : String(e);
  const taken =
    /nonce too low|nonce has already been used|already known|known transaction|replacement transaction underpriced|transaction underpriced|nonce.*(lower|too small)/i;
  if (error instanceof ViemBaseError) {
    return error.walk((e) => e instanceof NonceTooLowError || taken.test(text(e))) !== null;
  }
  return taken.test(text(error));
}

/**
 * Runs `send` (estimate, sign, hand to the node) after every earlier send of the same account has
 * been accepted by the node, so that nonces reach the node in order: an automining node refuses a
 * nonce from the future, and a gap would stall an interval-mining one. Waiting for receipts is not
 * serialised: many transactions stay in flight.
 *
 * `send` gets `nonce()`, the account's next nonce: read from the node (pending) when the queue
 * starts, then counted locally while the queue is busy, so a burst of sends costs one nonce
 * request, and clients of one process sharing a key share the count. A send the node refuses because
 * its nonce is taken (another program sending with the same key: "nonce too low", "already known",
 * "replacement transaction underpriced") is tried again with the node's count, up to
 * {@link NONCE_RETRIES} times; any other failure makes the next send read the node's count again.
 *
 * @example
 * const hash = await inOrder(client, async (nonce) =>
 *   client.wallet!.sendTransaction({ to, value, nonce: await nonce() }),
 * );
 */
export function inOrder<T>(client: OneWindowClient, send: (nonce: () => Promise<number>) => Promise<T>): Promise<T> {
  const address = requireWallet(client).account.address;
  const key = queueKey(client);
  const queue = sendQueues.get(key) ?? { tail: Promise.resolve(), nonce: undefined };
  const run = async (): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      let used: number | undefined;
      const nonce = async () => {
        used = queue.nonce ?? (await client.public.getTransactionCount({ address, blockTag: "pending" }));
        return used;
      };
      try {
        const value = await send(nonce);
        // A send that took its nonce elsewhere leaves the count unknown.
        queue.nonce = used === undefined ? undefined : used + 1;
        return value;
      } catch (error) {
        queue.nonce = undefined;
        if (used === undefined || attempt >= NONCE_RETRIES || !isNonceTaken(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
      }
    }
  };
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
 * Forgets the next nonce counted locally for the account of `client`, so that its next send reads
 * the node's count: after a transaction was lost, the nonces counted past it would leave a gap.
 */
function forgetNonce(client: OneWindowClient): void {
  const queue = sendQueues.get(queueKey(client));
  if (queue) queue.nonce = undefined;
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

/** Blocks a transaction may stay pending before it is reported as not mined. */
const MAX_PENDING_BLOCKS = 60;
/** The least time a transaction is waited for, whatever the block time, in milliseconds. */
const MIN_WAIT_MS = 60_000;

/** Each node's block time in seconds, measured once over its last blocks (1 s at least). */
const blockTimes = new Map<string, Promise<number>>();

/**
 * The block time of the chain of `client`, in seconds: the median interval between its last 20
 * blocks (1 to 60). The median, not the mean: one jump of the clock (a pause of the network, a
 * test's `evm_increaseTime`) would otherwise make a 1-second chain look like a 60-second one, and a
 * dropped transaction would be noticed only after a minute.
 */
export function blockTimeOf(client: OneWindowClient): Promise<number> {
  const key = `${client.chain.rpcUrls.default.http[0] ?? ""}|${client.chain.id}`;
  let known = blockTimes.get(key);
  if (!known) {
    known = (async () => {
      const latest = await client.public.getBlock();
      const span = latest.number < 20n ? Number(latest.number) : 20;
      if (span === 0) return 1;
      const earlier = await Promise.all(
        Array.from({ length: span }, (_, i) =>
          client.public.getBlock({ blockNumber: latest.number - BigInt(span - i) }),
        ),
      );
      const times = [...earlier, latest].map((b) => Number(b.timestamp));
      const intervals = times
        .slice(1)
        .map((t, i) => t - times[i]!)
        .sort((a, b) => a - b);
      const median = intervals[Math.floor(intervals.length / 2)]!;
      return Math.min(60, Math.max(1, median));
    })().catch(() => 1);
    blockTimes.set(key, known);
  }
  return known;
}

/**
 * Waits until the transaction `hash` of the account of `client` is mined and returns its receipt
 * (successful or not). Polls at the client's interval, so it works on a chain that mines every few
 * seconds; checks about once a block that the node still has the transaction, so that one that
 * will never be mined is reported at once rather than by a timeout:
 * an {@link InsufficientFundsError} when the node dropped it because the account cannot pay, a
 * {@link TransactionLostError} when another transaction took its nonce, the node dropped it for
 * another reason, or it stayed pending for {@link MAX_PENDING_BLOCKS} block times (60 s at least).
 *
 * @example
 * const receipt = await waitForTransaction(client, hash);
 */
export async function waitForTransaction(client: OneWindowClient, hash: Hash): Promise<TransactionReceipt> {
  try {
    return await receiptOf(client, hash);
  } finally {
    forgetSent(hash);
  }
}

/** {@link waitForTransaction}'s work. */
async function receiptOf(client: OneWindowClient, hash: Hash): Promise<TransactionReceipt> {
  try {
    // An automining node has the receipt at once or within milliseconds; otherwise poll until a block includes it.
    const quick = await quickReceipt(client, hash);
    if (quick) return quick;
    const blockTime = await blockTimeOf(client);
    const waitMs = Math.max(MIN_WAIT_MS, MAX_PENDING_BLOCKS * blockTime * 1000);
    const started = Date.now();
    let checked = started;
    let seen: Transaction | undefined;
    let missing = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, client.pollingInterval));
      const receipt = await client.public.getTransactionReceipt({ hash }).catch(() => undefined);
      if (receipt) return receipt;
      if (Date.now() - checked < Math.max(client.pollingInterval, (blockTime * 1000) / 2)) continue;
      checked = Date.now();
      const transaction = await client.public.getTransaction({ hash }).catch(() => undefined);
      if (transaction) {
        seen = transaction;
        missing = 0;
      } else if (++missing >= 2) {
        // Mined between the two reads?
        const late = await client.public.getTransactionReceipt({ hash }).catch(() => undefined);
        if (late) return late;
        forgetNonce(client);
        throw await lostTransaction(client, hash, seen);
      }
      if (Date.now() - started > waitMs) {
        forgetNonce(client);
        throw new TransactionLostError({
          hash,
          reason: "notMined",
          nonce: seen?.nonce,
          waited: `${Math.round(waitMs / 1000)} s`,
        });
      }
    }
  } catch (error) {
    if (error instanceof OneWindowError) throw error;
    throw new TransactionFailedError(hash, error instanceof ViemBaseError ? error.shortMessage : String(error), error);
  }
}

/**
 * Why a transaction the node no longer has will not be mined: from the transaction as the node
 * showed it pending (`seen`), else as this process signed it ({@link sentTransaction}; the node
 * may drop a transaction before it is ever seen pending).
 */
async function lostTransaction(
  client: OneWindowClient,
  hash: Hash,
  seen: Transaction | undefined,
): Promise<OneWindowError> {
  const signed = sentTransaction(hash);
  const known = seen
    ? {
        from: seen.from,
        nonce: seen.nonce,
        gas: seen.gas,
        price: seen.maxFeePerGas ?? seen.gasPrice,
        value: seen.value,
      }
    : signed;
  const account = known?.from ?? requireWallet(client).account.address;
  const [mined, balance] = await Promise.all([
    client.public.getTransactionCount({ address: account }),
    client.public.getBalance({ address: account }),
  ]);
  const nonce = known?.nonce;
  if (nonce !== undefined && mined > nonce) return new TransactionLostError({ hash, reason: "replaced", nonce });
  if (known?.gas !== undefined) {
    const needed = known.gas * (known.price ?? 0n) + known.value;
    if (balance < needed) return new InsufficientFundsError({ account, balance, needed, hash });
  }
  return new TransactionLostError({ hash, reason: "dropped", nonce });
}

/** Waits for a transaction sent by {@link sendContract} and decodes its events. */
export async function waitForWrite(client: OneWindowClient, hash: Hash): Promise<WriteResult> {
  const receipt = await waitForTransaction(client, hash);
  if (receipt.status !== "success") throw await revertedOnChain(client, hash, receipt);
  return {
    hash,
    receipt,
    events: parseEventLogs({
      abi: eventsAbiFor(receipt.logs),
      logs: receipt.logs as Log[],
      strict: true,
    }) as WriteResult["events"],
  };
}

/** Replays a transaction that reverted on chain to learn its error. */
async function revertedOnChain(client: OneWindowClient, hash: Hash, receipt: TransactionReceipt) {
  const transaction = await client.public.getTransaction({ hash });
  // All gas used, or all but the 1/64 a call keeps back when the contract it calls runs out (the
  // revert then carries no data): estimated on a state or clock other than its block's.
  if (receipt.gasUsed * 64n >= transaction.gas * 63n) {
    return new TransactionFailedError(hash, {
      en: `ran out of gas (${receipt.gasUsed} of ${transaction.gas} used)`,
      zh: `燃料（gas）耗尽（上限 ${transaction.gas}，已用 ${receipt.gasUsed}）`,
      advice: "resend",
    });
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
  return new TransactionFailedError(hash, {
    en: "reverted on chain without a reason",
    zh: "交易在链上被回滚，未给出原因",
    advice: "none",
  });
}

/** The first decoded event named `eventName` of a write, or an error if it is missing. */
export function eventOf<E extends WriteResult["events"][number]["eventName"]>(
  result: WriteResult,
  eventName: E,
): Extract<WriteResult["events"][number], { eventName: E }> {
  const event = result.events.find((e) => e.eventName === eventName);
  if (!event) {
    throw new TransactionFailedError(result.hash, {
      en: `emitted no ${eventName} event`,
      zh: `未发出 ${eventName} 事件`,
      advice: "none",
    });
  }
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
