/** Shared by the decision actions: an outcome with its reason and output licence, checked. */
import type { Hex } from "viem";

import { Outcome } from "../../../chain/enums.ts";
import { ZERO_BYTES32, type Check } from "../../../utils/input.ts";

/** What a department decides on a step. */
export type DecisionInput = {
  /** `Outcome.Approve`, `Outcome.Reject` or `Outcome.Return` (for correction). */
  outcome: Outcome;
  /** Reason code (1..65535) for reject and return; none for approve. */
  reason?: number | undefined;
  /**
   * Approving the output step: the id of the output licence the department built for the
   * applicant (`buildLicence`, holder = applicant); the engine issues it on completion.
   */
  outputLicenceId?: Hex | undefined;
};

/** The checked `(outcome, reason, outputLicenceId)`. */
export function checkDecision(check: Check, input: DecisionInput): [Outcome, number, Hex] {
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
  const outputLicenceId =
    input.outputLicenceId === undefined ? ZERO_BYTES32 : check.bytes32("outputLicenceId", input.outputLicenceId);
  if (outcome !== Outcome.Approve && outputLicenceId !== ZERO_BYTES32) {
    check.fail("outputLicenceId", "only an approval names an output licence", "只有批准时才指定结果证照");
  }
  return [outcome, reason, outputLicenceId];
}
