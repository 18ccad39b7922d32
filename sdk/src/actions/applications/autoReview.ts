import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check, ZERO_BYTES32 } from "../../utils/input.ts";
import { NO_EVIDENCE } from "../rules/internal/evidence.ts";
import { getApplicationSteps } from "./getApplicationSteps.ts";
import { DECISION_GAS_HEADROOM } from "./internal/gas.ts";
import type { LicenceFile } from "../../licence/format.ts";
import { outputHolder } from "./internal/decision.ts";
import { evidenceFromPresented, presentedLicences } from "./internal/presented.ts";
import { applicationWriteResult, type ApplicationWriteReturnType } from "./internal/result.ts";

export type AutoReviewParameters = {
  applicationId: Hex;
  /** Step index; the step's rule is checked. */
  step: number;
  /**
   * The rule's evidence (see `holdsValidLicenceEvidence`, `compositeEvidence`). Default: built from
   * what the application presented at submission (a `HoldsValidLicenceRule` gets the presented
   * licence of its type), so the applicant is not asked for a licence they already presented.
   */
  evidence?: Hex | undefined;
  /**
   * For the output step: the output licence's file, named by an officer of its department (its
   * exchange node's key); the engine checks that the applicant holds it. Others leave it out and
   * cannot auto-review the output step.
   */
  outputLicence?: LicenceFile | undefined;
  /** For the output step, instead of `outputLicence`: the id of the output licence already named. */
  outputLicenceId?: Hex | undefined;
};

export type AutoReviewReturnType = ApplicationWriteReturnType;

/**
 * Triggers a step's rule (智能审批): if it holds, the step is approved at once (e.g. the
 * Zhongguancun high-tech enterprise certification for a holder of a valid national certificate:
 * instant instead of 15 working days), and a completed application issues its output licence.
 *
 * @throws {ContractRevertError} `ApprovalEngineRuleNotSatisfied` when the step has no rule or it
 * does not hold; `ApprovalEngineInvalidOutputLicence` when the output licence is missing or named
 * by someone who may not; `ApprovalEngineOutputHolderNotApplicant` when the applicant does not hold it.
 *
 * @example
 * // The national certificate the applicant presented at submission is the evidence.
 * const { status, outputLicenceId } = await autoReview(zgcNode, {
 *   applicationId,
 *   step: 0,
 *   outputLicence: zgcCertificate.file,
 * });
 * // Or explicit evidence:
 * await autoReview(zgcNode, { applicationId, step: 0, evidence: compositeEvidence([holdsValidLicenceEvidence(file), NO_EVIDENCE]) });
 */
export async function autoReview(
  client: OneWindowClient,
  parameters: AutoReviewParameters,
): Promise<AutoReviewReturnType> {
  const check = new Check("autoReview");
  const applicationId = check.bytes32("applicationId", parameters.applicationId, { nonZero: true });
  const step = check.uint("step", parameters.step, 8);
  const [fileId, holder] = outputHolder(parameters.outputLicence);
  const outputLicenceId =
    fileId ??
    (parameters.outputLicenceId === undefined
      ? ZERO_BYTES32
      : check.bytes32("outputLicenceId", parameters.outputLicenceId));
  const args = [
    applicationId,
    step,
    parameters.evidence === undefined
      ? await presentedEvidence(client, applicationId, step)
      : check.hex("evidence", parameters.evidence),
    outputLicenceId,
    holder,
  ] as const;
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "autoReview",
    args,
    headroom: DECISION_GAS_HEADROOM,
  });
  return applicationWriteResult(result);
}

/** The evidence for the step's rule from the licences the application presented at submission. */
async function presentedEvidence(client: OneWindowClient, applicationId: Hex, step: number): Promise<Hex> {
  const { application, steps } = await getApplicationSteps(client, { applicationId });
  const rule = steps[step]?.rule;
  if (rule === undefined) return NO_EVIDENCE; // no such step or no rule: the engine says so
  return evidenceFromPresented(client, rule, application.applicant, await presentedLicences(client, applicationId));
}
