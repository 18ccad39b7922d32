import type { Address, Hex } from "viem";

import { requireWallet, type OneWindowClient } from "../../chain/client.ts";
import { chainTime } from "../../chain/time.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { checkDecision, NO_HOLDER, type DecisionInput, type HolderProof } from "./internal/decision.ts";
import { DEFAULT_SIGNATURE_VALIDITY } from "./signLinkedStart.ts";
import { approvalEngineDomain, DECISION_TYPES, type DecisionData } from "./internal/typedData.ts";

export type SignDecisionParameters = DecisionInput & {
  applicationId: Hex;
  /** Step index. */
  step: number;
  /**
   * The step's round (0, then +1 with each return for correction): the key of the signature's
   * nonce. Give it to sign fully offline; when absent it is read from the chain.
   */
  round?: number | undefined;
  /** Unix seconds after which the signature is void (default: one hour after the latest block). */
  deadline?: bigint | undefined;
};

/** One officer's signature with the decision it signs. */
export type SignedDecision = {
  decision: DecisionData;
  /** The officer. */
  signer: Address;
  /** EIP-712 signature over `Decision`, for this chain and engine. */
  signature: Hex;
  /**
   * Signed with `outputLicence` (a file): the proof that the applicant holds it, which
   * {@link decideBySig} sends with the signatures (not signed: it proves itself).
   */
  holder?: HolderProof | undefined;
};

export type SignDecisionReturnType = SignedDecision;

/**
 * An officer signs a decision with their wallet (EIP-712, bound to the chain id, the engine's
 * address, the application, step and round, and a deadline), without sending anything. Anyone
 * then submits the department's m signatures together with {@link decideBySig}.
 *
 * @example
 * const signed = await Promise.all(
 *   cultureOfficers.slice(0, 3).map((officer) =>
 *     signDecision(officer, { applicationId, step: 5, round: 0, outcome: Outcome.Approve, outputLicence: file }),
 *   ),
 * );
 * await decideBySig(anyone, { signatures: signed });
 */
export async function signDecision(
  client: OneWindowClient,
  parameters: SignDecisionParameters,
): Promise<SignDecisionReturnType> {
  const check = new Check("signDecision");
  const wallet = requireWallet(client);
  const applicationId = check.bytes32("applicationId", parameters.applicationId, { nonZero: true });
  const step = check.uint("step", parameters.step, 8);
  const [outcome, reason, outputLicenceId, holder] = checkDecision(check, parameters);
  const deadline =
    parameters.deadline === undefined
      ? (await chainTime(client)) + DEFAULT_SIGNATURE_VALIDITY
      : check.bigUint("deadline", parameters.deadline, 64, 1n);
  const round =
    parameters.round === undefined
      ? (
          await readContract(client, {
            contract: "ApprovalEngine",
            functionName: "getStep",
            args: [applicationId, step],
          })
        ).round
      : check.uint("round", parameters.round, 8);
  const decision: DecisionData = { applicationId, step, round, outcome, reason, outputLicenceId, deadline };
  const signature = await wallet.signTypedData({
    account: wallet.account,
    domain: approvalEngineDomain(client),
    types: DECISION_TYPES,
    primaryType: "Decision",
    message: decision,
  });
  return { decision, signer: wallet.account.address, signature, ...(holder === NO_HOLDER ? {} : { holder }) };
}
