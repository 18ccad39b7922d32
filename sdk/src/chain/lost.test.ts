/**
 * A transaction the node dropped before the SDK ever saw it pending (an interval-mining node that
 * accepted it, then dropped it at the next block): what was signed and sent (its nonce, gas, price
 * and value) still tells an unpaid transaction from one dropped for another reason, and one whose
 * nonce another transaction took.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { keccak256, parseGwei, type Hash } from "viem";
import { generatePrivateKey } from "viem/accounts";

import { createOneWindowClient, type OneWindowClient } from "./client.ts";
import type { Deployment } from "./deployment.ts";
import { waitForTransaction } from "./write.ts";
import { InsufficientFundsError, TransactionLostError } from "../errors/sending.ts";

const GAS = 100_000n;
const PRICE = parseGwei("1");

/**
 * A client whose account signs for real and whose node never had the transaction: no receipt, no
 * pending transaction; the account has `balance` and `mined` transactions mined.
 */
async function droppedUnseen(
  url: string,
  balance: bigint,
  mined: number,
): Promise<{ client: OneWindowClient; hash: Hash }> {
  const real = createOneWindowClient({
    rpcUrl: url,
    deployment: {
      chainId: 31337,
      network: "test",
      deployedAt: "",
      startBlock: 0,
      contracts: {},
    } as unknown as Deployment,
    account: generatePrivateKey(),
    pollingInterval: 10,
  });
  const signed = await real.wallet!.account.signTransaction!({
    type: "eip1559",
    chainId: 31337,
    to: real.wallet!.account.address,
    nonce: 5,
    gas: GAS,
    maxFeePerGas: PRICE,
    maxPriorityFeePerGas: 1n,
    value: 0n,
  });
  const node = {
    getTransactionReceipt: async () => {
      throw new Error("not found");
    },
    getTransaction: async () => {
      throw new Error("not found");
    },
    getBlock: async () => ({ number: 0n, timestamp: 0n }),
    getTransactionCount: async () => mined,
    getBalance: async () => balance,
  };
  return { client: { ...real, public: node as unknown as OneWindowClient["public"] }, hash: keccak256(signed) };
}

const outcome = (client: OneWindowClient, hash: Hash) =>
  waitForTransaction(client, hash).then(
    () => assert.fail("the transaction was reported mined"),
    (e: unknown) => e,
  );

describe("a transaction dropped before it was ever seen pending", () => {
  it("unpaid: InsufficientFundsError with what it needed (gas × price), not 'dropped'", async () => {
    const { client, hash } = await droppedUnseen("http://unpaid.test", GAS * PRICE - 1n, 5);
    const error = await outcome(client, hash);
    assert.ok(error instanceof InsufficientFundsError, `got ${String(error)}`);
    assert.equal(error.needed, GAS * PRICE);
    assert.equal(error.balance, GAS * PRICE - 1n);
    assert.equal(error.hash, hash);
  });

  it("paid for, nonce still free: TransactionLostError 'dropped' with its nonce", async () => {
    const { client, hash } = await droppedUnseen("http://dropped.test", GAS * PRICE, 5);
    const error = await outcome(client, hash);
    assert.ok(error instanceof TransactionLostError, `got ${String(error)}`);
    assert.equal(error.reason, "dropped");
    assert.equal(error.nonce, 5);
  });

  it("its nonce taken by another transaction: 'replaced'", async () => {
    const { client, hash } = await droppedUnseen("http://replaced.test", 0n, 6);
    const error = await outcome(client, hash);
    assert.ok(error instanceof TransactionLostError, `got ${String(error)}`);
    assert.equal(error.reason, "replaced");
  });
});
