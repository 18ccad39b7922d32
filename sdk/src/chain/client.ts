import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  nonceManager,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { OneWindowError } from "../errors/base.ts";
import type { ContractName, Deployment } from "./deployment.ts";
import { recordingSigned } from "./sent.ts";

/** A connection to one OneWindow deployment: reads through `public`, writes through `wallet`. */
export type OneWindowClient = {
  chain: Chain;
  public: PublicClient<Transport, Chain>;
  /** Absent for a read-only client (auditors, verifiers). */
  wallet: WalletClient<Transport, Chain, Account> | undefined;
  deployment: Deployment;
  /** Contract addresses by name. */
  addresses: Record<ContractName, Address>;
  /** How often receipts and events are polled, in milliseconds. */
  pollingInterval: number;
};

/** What {@link createOneWindowClient} needs. */
export type CreateOneWindowClientParameters = {
  /** JSON-RPC endpoint, e.g. `http://127.0.0.1:8545`. */
  rpcUrl: string;
  deployment: Deployment;
  /** A private key (signs locally, nonces tracked for many transactions in flight) or a viem account. */
  account?: Hex | Account | undefined;
  /** Milliseconds between polls for receipts and events (default 250). */
  pollingInterval?: number | undefined;
};

/**
 * Creates a client for a OneWindow deployment. A private key becomes a local account with a nonce
 * manager, so that many transactions can be in flight from one key.
 *
 * @example
 * const client = createOneWindowClient({
 *   rpcUrl: "http://127.0.0.1:8545",
 *   deployment: readDeployment({ chainId: 31337 }), // from @onewindow/sdk/node
 *   account: process.env.OFFICER_KEY as Hex,
 * });
 */
export function createOneWindowClient(parameters: CreateOneWindowClientParameters): OneWindowClient {
  const { deployment } = parameters;
  const pollingInterval = parameters.pollingInterval ?? 250;
  const chain = defineChain({
    id: deployment.chainId,
    name: `OneWindow ${deployment.network}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [parameters.rpcUrl] } },
  });
  const transport = http(parameters.rpcUrl, { retryCount: 2, timeout: 30_000 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval });
  // What the account signs is remembered, so that a transaction the node drops unseen can still be explained.
  const given =
    typeof parameters.account === "string"
      ? privateKeyToAccount(parameters.account, { nonceManager })
      : parameters.account;
  const account = given && recordingSigned(given);
  const wallet = account ? createWalletClient({ chain, transport, account, pollingInterval }) : undefined;
  const addresses = Object.fromEntries(
    Object.entries(deployment.contracts).map(([name, contract]) => [name, contract.address]),
  ) as Record<ContractName, Address>;
  return {
    chain,
    public: publicClient as PublicClient<Transport, Chain>,
    wallet,
    deployment,
    addresses,
    pollingInterval,
  };
}

/** A copy of `client` that signs with another account (same chain, deployment and transport). */
export function withAccount(client: OneWindowClient, account: Hex | Account): OneWindowClient {
  return createOneWindowClient({
    rpcUrl: client.chain.rpcUrls.default.http[0]!,
    deployment: client.deployment,
    account,
    pollingInterval: client.pollingInterval,
  });
}

/** The wallet of a client that must write, or a clear error. */
export function requireWallet(client: OneWindowClient): WalletClient<Transport, Chain, Account> {
  if (!client.wallet) {
    throw new OneWindowError("This client has no account to sign with.", {
      code: "NO_ACCOUNT",
      messages: {
        zh: "当前客户端没有可签名的账户，请提供私钥或密钥库文件。",
        en: "This client has no account to sign with: give a private key or a keystore file.",
      },
    });
  }
  return client.wallet;
}
