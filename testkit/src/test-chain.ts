/**
 * The chain the SDK's and the CLI's chain tests run on, started and deployed by scripts/sdk-chain-tests.ts
 * (hardhat node with automine, then anvil with a block every second): its RPC URL and deployment
 * come from ONEWINDOW_TEST_RPC_URL and ONEWINDOW_TEST_DEPLOYMENT.
 *
 * Test files share one chain, so each creates its own departments (unique codes) and its own
 * funded accounts with {@link newAccount}; account 0 of the development mnemonic deployed the
 * platform and holds every platform role.
 */
import { randomBytes } from "node:crypto";

import { bytesToHex, parseEther, type Hex } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";

import { createOneWindowClient, inOrder, waitForTransaction, type OneWindowClient } from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";

/** Hardhat's and anvil's well-known development mnemonic (test keys only). */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

const rpcUrl = process.env.ONEWINDOW_TEST_RPC_URL;
const deploymentFile = process.env.ONEWINDOW_TEST_DEPLOYMENT;
if (!rpcUrl || !deploymentFile) {
  throw new Error(
    "The SDK's and the CLI's chain tests need a chain: run them with `npm run test:sdk` (scripts/sdk-chain-tests.ts), " +
      "which starts hardhat node and anvil, deploys, and sets ONEWINDOW_TEST_RPC_URL and ONEWINDOW_TEST_DEPLOYMENT.",
  );
}
export const RPC_URL: string = rpcUrl;
export const deployment = readDeployment({ file: deploymentFile });
/** `hardhat` or `anvil`: which client this run is on. */
export const CHAIN_CLIENT = process.env.ONEWINDOW_TEST_CHAIN ?? "unknown";

/** The private key of development account `index`. */
export function devKey(index: number): Hex {
  const key = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).getHdKey().privateKey!;
  return bytesToHex(key);
}

/** A client signing with `key`. */
export function clientFor(key: Hex): OneWindowClient {
  return createOneWindowClient({ rpcUrl: RPC_URL, deployment, account: key });
}

/** A read-only client. */
export function readOnlyClient(): OneWindowClient {
  return createOneWindowClient({ rpcUrl: RPC_URL, deployment });
}

/** The deployer: admin, registrar, calendar keeper and catalogue editor. */
export const admin: OneWindowClient = clientFor(devKey(0));

/** A fresh account funded with 10 ETH by the deployer: `{ key, address, client }`. */
export async function newAccount() {
  const key = generatePrivateKey();
  const address = privateKeyToAccount(key).address;
  const hash = await inOrder(admin, async (nonce) =>
    admin.wallet!.sendTransaction({ to: address, value: parseEther("10"), nonce: await nonce() }),
  );
  await waitForTransaction(admin, hash);
  return { key, address, client: clientFor(key) };
}

/** `count` fresh funded accounts (sent in parallel). */
export async function newAccounts(count: number) {
  return Promise.all(Array.from({ length: count }, () => newAccount()));
}

/** A code unique on this chain, e.g. `T-SAMR-3f9a1c`, for departments, licence types and matters. */
export function uniqueCode(prefix: string): string {
  return `T-${prefix}-${randomBytes(3).toString("hex")}`;
}
