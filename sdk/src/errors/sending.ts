import { formatEther, type Address, type Hash } from "viem";

import { OneWindowError } from "./base.ts";

/**
 * The account cannot pay for a transaction: its balance is below what the transaction needs
 * (estimated gas × gas price + value). Thrown when the node refuses the send, and when a node that
 * accepted the transaction into its pool later drops it unpaid (anvil and Besu check the balance
 * only against the last block, not against the account's other pending transactions).
 *
 * @example
 * try {
 *   await recordVerification(client, parameters);
 * } catch (error) {
 *   if (error instanceof InsufficientFundsError) console.log(`fund ${error.account} with ${error.needed - error.balance} wei`);
 * }
 */
export class InsufficientFundsError extends OneWindowError {
  override name = "InsufficientFundsError";
  /** The paying account. */
  readonly account: Address;
  /** Its balance, in wei. */
  readonly balance: bigint;
  /** What the transaction needs (gas × gas price + value), in wei; `undefined` when unknown. */
  readonly needed: bigint | undefined;
  /** The transaction, when the node had accepted it before dropping it. */
  readonly hash: Hash | undefined;

  constructor(parameters: {
    account: Address;
    balance: bigint;
    needed: bigint | undefined;
    hash?: Hash | undefined;
    cause?: unknown;
  }) {
    const { account, balance, needed, hash } = parameters;
    const has = `${formatEther(balance)} ETH`;
    const needs = needed === undefined ? undefined : `${formatEther(needed)} ETH`;
    super(
      `The account ${account} has ${has}${needs ? `, but the transaction needs ${needs} (gas × gas price + value)` : ""}.`,
      {
        code: "INSUFFICIENT_FUNDS",
        messages: {
          zh:
            `账户 ${account} 余额不足：现有 ${has}` +
            (needs ? `，该交易需要 ${needs}（预估 gas × gas 价格 + 转账金额）` : "，不足以支付交易费用") +
            `${hash ? `，节点已丢弃交易 ${hash}` : ""}。请先向该账户转入资金（开发链上由部署账户转账）后重试。`,
          en:
            `The account ${account} has ${has}` +
            (needs
              ? `, but the transaction needs ${needs} (estimated gas × gas price + value)`
              : ", not enough to pay for the transaction") +
            `${hash ? `; the node dropped transaction ${hash}` : ""}. Fund the account (on a development chain, from the deployer) and try again.`,
        },
        details: needed === undefined ? `balance ${balance} wei` : `balance ${balance} wei, needed ${needed} wei`,
        cause: parameters.cause,
      },
    );
    this.account = account;
    this.balance = balance;
    this.needed = needed;
    this.hash = hash;
  }
}

/** Why a sent transaction will never be mined as sent. */
export type TransactionLostReason =
  /** Another transaction of the same account with the same nonce was mined instead. */
  | "replaced"
  /** The node no longer has it (neither mined nor pending), and its nonce is still free. */
  | "dropped"
  /** Still pending after many blocks (e.g. behind a missing nonce, or priced too low). */
  | "notMined";

/**
 * A transaction the node had accepted will not be mined as sent: replaced by another transaction
 * with the same nonce (another program signing with the same key), dropped by the node, or still
 * pending after many blocks. Nothing of it happened on chain: send it again.
 */
export class TransactionLostError extends OneWindowError {
  override name = "TransactionLostError";
  readonly hash: Hash;
  readonly reason: TransactionLostReason;
  /** Its nonce, when known. */
  readonly nonce: number | undefined;

  constructor(parameters: { hash: Hash; reason: TransactionLostReason; nonce?: number | undefined; waited?: string }) {
    const { hash, reason, nonce } = parameters;
    const n = nonce === undefined ? "" : ` (nonce ${nonce})`;
    const text = {
      replaced: {
        en: `another transaction with the same nonce${n} was mined instead; is another program sending with the same key?`,
        zh: `同一账户的另一笔交易使用了相同的 nonce${n}并已上链；是否有其他程序在使用同一密钥发送交易？`,
      },
      dropped: {
        en: `the node dropped it${n}: it is neither mined nor pending`,
        zh: `节点已丢弃该交易${n}：既未上链也不在待处理队列中`,
      },
      notMined: {
        en: `it is still pending${n} after ${parameters.waited ?? "many blocks"}`,
        zh: `等待${parameters.waited ?? "多个区块"}后仍未上链${n}`,
      },
    }[reason];
    super(`Transaction ${hash} will not be mined: ${text.en}.`, {
      code: `TRANSACTION_${reason.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
      messages: {
        zh: `交易 ${hash} 不会上链：${text.zh}。链上没有发生任何变化，请重新发送。`,
        en: `Transaction ${hash} will not be mined: ${text.en}. Nothing of it happened on chain: send it again.`,
      },
    });
    this.hash = hash;
    this.reason = reason;
    this.nonce = nonce;
  }
}
