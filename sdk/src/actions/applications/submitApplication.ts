import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, eventsOf, writeContract, type WriteResult } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import type { ConditionsDeclaration } from "./internal/conditions.ts";
import { buildSubmission, type SubmissionParameters } from "./internal/submission.ts";

export type SubmitApplicationParameters = SubmissionParameters;

export type SubmitApplicationReturnType = {
  applicationId: Hex;
  /** The matter version the application is bound to. */
  matterVersion: number;
  /** Steps active at once (those that wait for no other step). */
  activatedSteps: number[];
  /**
   * The applicant's declaration of conditions: the flags, the salt, the conditional materials
   * supplied (licence ids, upload content hashes) and the commitment sent on chain (the flags and
   * the conditional materials are not on chain). Give `{ conditions, salt, materials }` to the
   * reviewing departments with the application; they check it with
   * {@link checkConditionsDeclaration} and check the conditional materials themselves.
   */
  declaration: ConditionsDeclaration;
  hash: Hash;
};

/**
 * The applicant submits an application for the current version of a matter: licences pulled
 * from the chain (presented by their holder: only ids, the holder field's salt and proofs go on
 * chain) and the content hashes of uploaded documents. Licences are matched to the matter's
 * materials by type unless a material index is given; the submission is checked against the
 * matter first (missing, repeated, unexpected or wrong-kind materials, conditional ones under
 * `conditions`), and nothing is sent if it is wrong. Only the unconditional materials go on chain
 * (the engine refuses conditional ones: they would tell the applicant's conditions); the flags and
 * the conditional materials go on chain only as a salted commitment, and the returned
 * `declaration` holds them and the salt for the departments.
 *
 * @throws {InvalidParameterError} for a submission that does not fit the matter.
 * @throws {ContractRevertError} e.g. `ApprovalEngineInvalidLicence` (revoked, not the applicant's).
 *
 * @example
 * const { applicationId, declaration } = await submitApplication(applicant, {
 *   matterId: vrHall,
 *   conditions: handledByAgent,
 *   licences: [{ licence: businessLicenceFile }, { licence: premisesCertificateFile }],
 *   uploads: documents.map((contentHash, i) => ({ material: 2 + i, contentHash })),
 * });
 */
export async function submitApplication(
  client: OneWindowClient,
  parameters: SubmitApplicationParameters,
): Promise<SubmitApplicationReturnType> {
  const { submission, declaration } = await buildSubmission(client, new Check("submitApplication"), parameters);
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "submit",
    args: [submission],
  });
  return submissionResult(result, declaration);
}

/** The new application of a submit or linked-submit transaction, from its events. */
export function submissionResult(result: WriteResult, declaration: ConditionsDeclaration): SubmitApplicationReturnType {
  const submitted = eventOf(result, "ApplicationSubmitted").args;
  return {
    applicationId: submitted.applicationId,
    matterVersion: submitted.matterVersion,
    activatedSteps: eventsOf(result, "StepActivated").map((e) => e.args.step),
    declaration,
    hash: result.hash,
  };
}
