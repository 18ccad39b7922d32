/**
 * Gas for decisions. Decisions on one application are often sent together (officers voting at
 * once, departments deciding parallel steps), so each is estimated before the others are mined;
 * the one that lands last may then do more than its estimate covered: reach the threshold,
 * activate the next steps, complete the application and issue its output licence. Decisions are
 * therefore sent with the node's estimate plus a fixed headroom (on a free-gas network such as the
 * production Besu profile, unused gas costs nothing; elsewhere it is refunded).
 */
import type { OneWindowClient } from "../../../chain/client.ts";
import { requireWallet } from "../../../chain/client.ts";
import { ABIS_WITH_ERRORS } from "../../../chain/contracts.ts";
import { decodeContractError } from "../../../errors/contract.ts";

/**
 * Gas added to a decision's estimate: enough to activate every step of a 16-step matter (one
 * storage slot each, with the calendar's deadlines) and complete the application.
 */
export const DECISION_GAS_HEADROOM = 800_000n;

/** The node's estimate for an ApprovalEngine call plus {@link DECISION_GAS_HEADROOM}; reverts decoded. */
export async function decisionGas(
  client: OneWindowClient,
  functionName: "decide" | "approveOutput" | "decideBySig" | "autoReview",
  args: readonly unknown[],
): Promise<bigint> {
  const wallet = requireWallet(client);
  try {
    const estimate = await client.public.estimateContractGas({
      address: client.addresses.ApprovalEngine,
      abi: ABIS_WITH_ERRORS.ApprovalEngine,
      functionName,
      args,
      // The address, not the signing account: viem would prepare a whole transaction for a local
      // account (nonce, latest block, fees) before estimating; the send prepares its own.
      account: wallet.account.address,
    });
    return estimate + DECISION_GAS_HEADROOM;
  } catch (error) {
    throw decodeContractError(error, { contract: "ApprovalEngine", functionName });
  }
}
