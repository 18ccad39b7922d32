import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, eventsOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import type { UploadedMaterial } from "./internal/submission.ts";

export type ResubmitParameters = {
  applicationId: Hex;
  /** Corrected uploads, if any (content hashes of the new documents). */
  uploads?: readonly UploadedMaterial[] | undefined;
};

export type ResubmitReturnType = {
  hash: Hash;
  /** Working days the application spent with the applicant (not counted against the departments). */
  workingDaysWithApplicant: number;
  /** Steps whose clocks restarted, with the working days they had left. */
  restartedSteps: number[];
};

/**
 * The applicant resubmits an application returned for correction; the stopped steps restart
 * with the working days they had left.
 *
 * @throws {ContractRevertError} `ApprovalEngineNotApplicant`, `ApprovalEngineInvalidStatus` (not returned).
 *
 * @example
 * await resubmit(applicant, { applicationId, uploads: [{ material: 5, contentHash: correctedPlanHash }] });
 */
export async function resubmit(client: OneWindowClient, parameters: ResubmitParameters): Promise<ResubmitReturnType> {
  const check = new Check("resubmit");
  const applicationId = check.bytes32("applicationId", parameters.applicationId, { nonZero: true });
  const uploads = (parameters.uploads ?? []).map((upload, i) => ({
    material: check.uint(`uploads[${i}].material`, upload?.material, 8),
    contentHash: check.bytes32(`uploads[${i}].contentHash`, upload.contentHash, { nonZero: true }),
  }));
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "resubmit",
    args: [applicationId, uploads],
  });
  return {
    hash: result.hash,
    workingDaysWithApplicant: eventOf(result, "ApplicationResubmitted").args.workingDaysWithApplicant,
    restartedSteps: eventsOf(result, "StepActivated").map((e) => e.args.step),
  };
}
