import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, eventsOf, writeContract, type WriteResult } from "../../chain/write.ts";
import { Check } from "../input.ts";
import { buildSubmission, type SubmissionParameters } from "./submission.ts";

export type SubmitApplicationParameters = SubmissionParameters;

export type SubmitApplicationReturnType = {
  applicationId: Hex;
  /** The matter version the application is bound to. */
  matterVersion: number;
  /** Steps active at once (those that wait for no other step). */
  activatedSteps: number[];
  hash: Hash;
};

/**
 * The applicant submits an application for the current version of a matter: licences pulled
 * from the chain (presented by their holder: only ids, the holder field's salt and proofs go on
 * chain) and the content hashes of uploaded documents. Licences are matched to the matter's
 * materials by type unless a material index is given; the submission is checked against the
 * matter first (missing, repeated, unexpected or wrong-kind materials), and nothing is sent if it
 * is wrong.
 *
 * @throws {InvalidParameterError} for a submission that does not fit the matter.
 * @throws {ContractRevertError} e.g. `ApprovalEngineInvalidLicence` (revoked, not the applicant's).
 *
 * @example
 * const { applicationId } = await submitApplication(applicant, {
 *   matterId: vrHall,
 *   licences: [{ licence: businessLicenceFile }, { licence: premisesCertificateFile }],
 *   uploads: documents.map((contentHash, i) => ({ material: 2 + i, contentHash })),
 * });
 */
export async function submitApplication(
  client: OneWindowClient,
  parameters: SubmitApplicationParameters,
): Promise<SubmitApplicationReturnType> {
  const submission = await buildSubmission(client, new Check("submitApplication"), parameters);
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "submit",
    args: [submission],
  });
  return submissionResult(result);
}

/** The new application of a submit or linked-submit transaction, from its events. */
export function submissionResult(result: WriteResult): SubmitApplicationReturnType {
  const submitted = eventOf(result, "ApplicationSubmitted").args;
  return {
    applicationId: submitted.applicationId,
    matterVersion: submitted.matterVersion,
    activatedSteps: eventsOf(result, "StepActivated").map((e) => e.args.step),
    hash: result.hash,
  };
}
