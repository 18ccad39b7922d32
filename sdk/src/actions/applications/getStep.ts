import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import type { Outcome } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

export type GetStepParameters = {
  applicationId: Hex;
  /** Step index. */
  step: number;
};

/** One step's stored state, readable (zeros until the step is first activated). */
export type StepInfo = {
  /** Step index. */
  index: number;
  /** Deciding department (set at activation). */
  departmentId: number;
  /** Whether approving it names the output licence. */
  isOutput: boolean;
  /** Unix seconds it last became (or resumed being) active; 0 while pending. */
  activatedAt: number;
  /** Unix seconds: end of the last working day allowed. */
  deadline: number;
  /** Working days used before the clock last stopped. */
  usedDays: number;
  /** Round: increments with each return for correction; signed decisions name it. */
  round: number;
  /** Outcome the votes so far are for (`Outcome.None` if no vote). */
  pendingOutcome: Outcome;
  /** Reason code the votes so far are for. */
  pendingReason: number;
  /** Number of officers who voted for the pending outcome. */
  votes: number;
  /** Bit i: officer i of the department voted. */
  voterMask: number;
  /** Whether the step was flagged overdue in this round. */
  overdueFlagged: boolean;
};

export type GetStepReturnType = StepInfo;

/**
 * Reads one step of an application: its department, deadline, round and the votes so far.
 *
 * @example
 * const { deadline, votes } = await getStep(client, { applicationId, step: 5 });
 */
export async function getStep(client: OneWindowClient, parameters: GetStepParameters): Promise<GetStepReturnType> {
  const check = new Check("getStep");
  const applicationId = check.bytes32("applicationId", parameters.applicationId, { nonZero: true });
  const index = check.uint("step", parameters.step, 8);
  const s = await readContract(client, {
    contract: "ApprovalEngine",
    functionName: "getStep",
    args: [applicationId, index],
  });
  return {
    index,
    departmentId: s.departmentId,
    isOutput: s.isOutput,
    activatedAt: s.activatedAt,
    deadline: s.deadline,
    usedDays: s.usedDays,
    round: s.round,
    pendingOutcome: s.pendingOutcome as Outcome,
    pendingReason: s.pendingReason,
    votes: popCount(s.votes),
    voterMask: s.votes,
    overdueFlagged: s.overdueFlagged,
  };
}

function popCount(x: number): number {
  let count = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) count++;
  return count;
}
