/** Shared by the rule deployments: send in nonce order, then wait for the receipt by polling. */
import { getAddress, type Address, type Hash } from "viem";

import { requireWallet, type OneWindowClient } from "../../../chain/client.ts";
import { inOrder, waitForTransaction } from "../../../chain/write.ts";
import { decodeContractError, TransactionFailedError } from "../../../errors/contract.ts";

/** A deployed rule. */
export type DeployedRule = { address: Address; hash: Hash };

/**
 * Sends a deployment built by `send` (with the client's wallet and the account's next nonce) and
 * waits until it is mined ({@link waitForTransaction}: no automine assumed). Reverts are thrown decoded.
 */
export async function deployWith(
  client: OneWindowClient,
  contract: string,
  send: (wallet: ReturnType<typeof requireWallet>, nonce: number) => Promise<Hash>,
): Promise<DeployedRule> {
  const wallet = requireWallet(client);
  let hash: Hash;
  try {
    hash = await inOrder(client, async (nonce) => send(wallet, await nonce()));
  } catch (error) {
    throw decodeContractError(error, { contract, functionName: "constructor" });
  }
  const receipt = await waitForTransaction(client, hash);
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new TransactionFailedError(hash, {
      en: `deploying ${contract} reverted`,
      zh: `部署 ${contract} 时被回滚`,
      advice: "none",
    });
  }
  return { address: getAddress(receipt.contractAddress), hash };
}
