/** Shared by the rule deployments: send in nonce order, then wait for the receipt by polling. */
import { getAddress, type Address, type Hash } from "viem";

import { requireWallet, type OneWindowClient } from "../../../chain/client.ts";
import { inOrder } from "../../../chain/write.ts";
import { decodeContractError, TransactionFailedError } from "../../../errors/contract.ts";

/** A deployed rule. */
export type DeployedRule = { address: Address; hash: Hash };

/**
 * Sends a deployment built by `send` (with the client's wallet) and waits until it is mined,
 * polling at the client's interval (no automine assumed). Reverts are thrown decoded.
 */
export async function deployWith(
  client: OneWindowClient,
  contract: string,
  send: (wallet: ReturnType<typeof requireWallet>) => Promise<Hash>,
): Promise<DeployedRule> {
  const wallet = requireWallet(client);
  let hash: Hash;
  try {
    hash = await inOrder(client, () => send(wallet));
  } catch (error) {
    throw decodeContractError(error, { contract, functionName: "constructor" });
  }
  let receipt;
  try {
    receipt = await client.public.waitForTransactionReceipt({
      hash,
      pollingInterval: client.pollingInterval,
      timeout: 120_000,
    });
  } catch (error) {
    throw new TransactionFailedError(hash, `deploying ${contract} was not mined`, error);
  }
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new TransactionFailedError(hash, `deploying ${contract} reverted`);
  }
  return { address: getAddress(receipt.contractAddress), hash };
}
