import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { DECISION_GAS_HEADROOM } from "./internal/gas.ts";
import { checkDecision, type DecisionInput } from "./internal/decision.ts";
import { applicationWriteResult, type ApplicationWriteReturnType } from "./internal/result.ts";

export type DecideParameters = DecisionInput & {
  applicationId: Hex;
  /** Step index. */
  step: number;
};

export type DecideReturnType = ApplicationWriteReturnType;

/**
 * An officer of the step's department votes directly: approve, reject (with a reason code) or
 * return for correction (with a reason code). When the department's threshold (m of n) is
 * reached the outcome applies; `decided` says whether it did. Approving the output step names the
 * output licence: the first vote gives its file (`outputLicence`, sent as `approveOutput` with the
 * proof that the applicant holds it), later votes its id (every officer's vote names the same id).
 *
 * @throws {ContractRevertError} e.g. `ApprovalEngineNotStepOfficer`, `ApprovalEngineAlreadyVoted`,
 * `ApprovalEngineConflictingVote`, `ApprovalEngineStepNotActive`, `ApprovalEngineOutputHolderNotApplicant`
 * (a new output licence named by id alone, or one the applicant does not hold).
 *
 * @example
 * const { decided, activatedSteps } = await decide(samrOfficer, { applicationId, step: 0, outcome: Outcome.Approve });
 * await decide(fireOfficer, { applicationId, step: 3, outcome: Outcome.Return, reason: 12 });
 * await decide(cultureOfficer, { applicationId, step: 5, outcome: Outcome.Approve, outputLicence: licence.file });
 */
export async function decide(client: OneWindowClient, parameters: DecideParameters): Promise<DecideReturnType> {
  const check = new Check("decide");
  const applicationId = check.bytes32("applicationId", parameters.applicationId, { nonZero: true });
  const step = check.uint("step", parameters.step, 8);
  const [outcome, reason, outputLicenceId, holder] = checkDecision(check, parameters);
  if (parameters.outputLicence !== undefined) {
    // Naming the output licence from its file: the vote proves that the applicant holds it.
    const args = [applicationId, step, outputLicenceId, holder] as const;
    const result = await writeContract(client, {
      contract: "ApprovalEngine",
      functionName: "approveOutput",
      args,
      headroom: DECISION_GAS_HEADROOM,
    });
    return applicationWriteResult(result);
  }
  const args = [applicationId, step, outcome, reason, outputLicenceId] as const;
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "decide",
    args,
    headroom: DECISION_GAS_HEADROOM,
  });
  return applicationWriteResult(result);
}
