/**
 * What this process signed and sent, by transaction hash: the account, nonce, gas limit, price
 * and value. A node may drop a transaction before anyone saw it pending (an interval-mining node
 * accepts it into its pool and drops it at the next block when the account cannot pay); then the
 * node can no longer say what it was, and this record tells an unpaid transaction from one dropped
 * for another reason or replaced.
 */
import { keccak256, type Account, type Address, type Hash, type LocalAccount } from "viem";

/** One signed transaction, as sent. */
export type SentTransaction = {
  from: Address;
  nonce: number | undefined;
  gas: bigint | undefined;
  /** The most it pays per gas (`maxFeePerGas`, or `gasPrice` for a legacy transaction). */
  price: bigint | undefined;
  value: bigint;
};

/** The last transactions signed, oldest first (a Map keeps insertion order). */
const sent = new Map<Hash, SentTransaction>();
/** How many signed transactions are remembered; the oldest are forgotten first. */
const REMEMBERED = 10_000;

/** What was signed as transaction `hash` in this process, if it was and is still remembered. */
export function sentTransaction(hash: Hash): SentTransaction | undefined {
  return sent.get(hash);
}

/** Forgets transaction `hash` (it was mined or reported lost). */
export function forgetSent(hash: Hash): void {
  sent.delete(hash);
}

/**
 * `account` recording every transaction it signs (a local account; another kind, which signs
 * elsewhere, is returned as it is).
 */
export function recordingSigned(account: Account): Account {
  if (account.type !== "local") return account;
  const local: LocalAccount = account;
  const signTransaction: LocalAccount["signTransaction"] = async (transaction, options) => {
    const signed = await local.signTransaction(transaction, options);
    const hash = keccak256(signed);
    sent.set(hash, {
      from: local.address,
      nonce: transaction.nonce,
      gas: transaction.gas,
      price: transaction.maxFeePerGas ?? transaction.gasPrice,
      value: transaction.value ?? 0n,
    });
    if (sent.size > REMEMBERED) sent.delete(sent.keys().next().value!);
    return signed;
  };
  return { ...local, signTransaction };
}
