import { getAddress } from "viem";

import { requireWallet, type OneWindowClient } from "../../chain/client.ts";
import { ApplicationStatus } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import type { SignedLinkedStart } from "./signLinkedStart.ts";
import { buildSubmission, type SubmissionParameters } from "./internal/submission.ts";
import { submissionResult, type SubmitApplicationReturnType } from "./submitApplication.ts";

export type SubmitLinkedApplicationParameters = Omit<SubmissionParameters, "matterId"> & {
  /** The holder's signed consent ({@link signLinkedStart}); its matter is the one applied for. */
  start: SignedLinkedStart;
};

export type SubmitLinkedApplicationReturnType = SubmitApplicationReturnType;

/**
 * A second party (the signing account, named `starter` in the consent) starts a linked matter for
 * the holder of a completed application, with the holder's signed consent. The application is the
 * holder's; the parent's output licence stands for the material of its type, so the holder does
 * not present it again.
 *
 * @throws {InvalidParameterError} when this account is not the consent's starter, the parent is
 * not completed, or the submission does not fit the matter.
 * @throws {ContractRevertError} e.g. `ApprovalEngineInvalidLinkedStart` (not offered, already
 * started), `ApprovalEngineExpiredSignature`, `ApprovalEngineInvalidSignature`.
 *
 * @example
 * const start = await signLinkedStart(buyer, { parentApplicationId, matterId: powerTransfer, starter: sgcc.address });
 * const { applicationId } = await submitLinkedApplication(sgcc, { start });
 */
export async function submitLinkedApplication(
  client: OneWindowClient,
  parameters: SubmitLinkedApplicationParameters,
): Promise<SubmitLinkedApplicationReturnType> {
  const check = new Check("submitLinkedApplication");
  const wallet = requireWallet(client);
  const { start } = parameters;
  const parentId = check.bytes32("start.parentApplicationId", start?.parentApplicationId, { nonZero: true });
  const starter = check.address("start.starter", start.starter);
  if (getAddress(starter) !== getAddress(wallet.account.address)) {
    check.fail(
      "start.starter",
      "the consent names another starter than this account",
      "同意书指定的发起人不是当前账户",
    );
  }
  const signature = check.hex("start.signature", start.signature);
  const deadline = check.bigUint("start.deadline", start.deadline, 64, 1n);
  const parent = await readContract(client, {
    contract: "ApprovalEngine",
    functionName: "getApplication",
    args: [parentId],
  });
  if (parent.status !== ApplicationStatus.Completed) {
    check.fail("start.parentApplicationId", "the parent application is not completed", "前序申请尚未办结");
  }
  const [outputType] = await readContract(client, {
    contract: "ServiceCatalog",
    functionName: "completionOf",
    args: [parent.matterId, parent.matterVersion],
  });
  const { submission, declaration } = await buildSubmission(
    client,
    check,
    { ...parameters, matterId: start.matterId },
    outputType,
  );
  const result = await writeContract(client, {
    contract: "ApprovalEngine",
    functionName: "submitLinked",
    args: [{ parentApplicationId: parentId, matterId: submission.matterId, starter, deadline, signature }, submission],
  });
  return submissionResult(result, declaration);
}
