/** Shared by the decision actions: an outcome with its reason and output licence, checked. */
import type { Hex } from "viem";

import { Outcome } from "../../../chain/enums.ts";
import type { LicenceFile } from "../../../licence/format.ts";
import { heldLicence } from "../../../licence/present.ts";
import { ZERO_BYTES32, type Check } from "../../../utils/input.ts";

/** What a department decides on a step. */
export type DecisionInput = {
  /** `Outcome.Approve`, `Outcome.Reject` or `Outcome.Return` (for correction). */
  outcome: Outcome;
  /** Reason code (1..65535) for reject and return; none for approve. */
  reason?: number | undefined;
  /**
   * Approving the output step: the id of the output licence the department built for the
   * applicant (`buildLicence`, holder = applicant); the engine issues it on completion. Enough for
   * a vote that joins a licence already named; the decision that first names it gives
   * `outputLicence` instead.
   */
  outputLicenceId?: Hex | undefined;
  /**
   * Approving the output step and naming its licence for the first time: the licence file. The
   * engine checks that the applicant holds it (`ApprovalEngineOutputHolderNotApplicant`); only its
   * holder field's salt and proof are sent, no value. Gives `outputLicenceId` (if both are given,
   * they must agree).
   */
  outputLicence?: LicenceFile | undefined;
};

/** `IApprovalEngine.HolderProof`: the salt of the output licence's holder field and its leaf's proof. */
export type HolderProof = { salt: Hex; proof: readonly Hex[] };

/** No output licence named, or the one already named named again. */
export const NO_HOLDER: HolderProof = { salt: ZERO_BYTES32, proof: [] };

/** The checked `(outcome, reason, outputLicenceId, holder)`. */
export function checkDecision(check: Check, input: DecisionInput): [Outcome, number, Hex, HolderProof] {
  const outcome = input.outcome;
  if (outcome !== Outcome.Approve && outcome !== Outcome.Reject && outcome !== Outcome.Return) {
    check.fail("outcome", "expected Outcome.Approve, Outcome.Reject or Outcome.Return", "应为批准、不予批准或退回补正");
  }
  let reason = 0;
  if (outcome === Outcome.Approve) {
    if (input.reason !== undefined && input.reason !== 0) {
      check.fail("reason", "an approval carries no reason code", "批准时不应填写原因代码");
    }
  } else {
    reason = check.uint("reason", input.reason, 16, 1);
  }
  const [fromFile, holder] = outputHolder(input.outputLicence);
  let outputLicenceId =
    input.outputLicenceId === undefined ? ZERO_BYTES32 : check.bytes32("outputLicenceId", input.outputLicenceId);
  if (fromFile !== undefined) {
    if (outputLicenceId !== ZERO_BYTES32 && outputLicenceId.toLowerCase() !== fromFile.toLowerCase()) {
      check.fail("outputLicenceId", "is not the id of outputLicence", "与所给结果证照文件的编号不一致");
    }
    outputLicenceId = fromFile;
  }
  if (outcome !== Outcome.Approve && outputLicenceId !== ZERO_BYTES32) {
    check.fail("outputLicenceId", "only an approval names an output licence", "只有批准时才指定结果证照");
  }
  return [outcome, reason, outputLicenceId, holder];
}

/** The id of an output licence file and the proof that its holder holds it (none without a file). */
export function outputHolder(file: LicenceFile | undefined): [Hex | undefined, HolderProof] {
  if (file === undefined) return [undefined, NO_HOLDER];
  const held = heldLicence(file);
  return [held.licenceId, { salt: held.holderSalt, proof: held.holderProof }];
}
