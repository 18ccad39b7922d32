/** Shared by the application writes: what a mined write did to the application. */
import type { Hash, Hex } from "viem";

import { ApplicationStatus } from "../../../chain/enums.ts";
import { eventsOf, type WriteResult } from "../../../chain/write.ts";

/** What a decision, rule review or resubmission did. */
export type ApplicationWriteReturnType = {
  hash: Hash;
  /** The step's outcome applied: its department's threshold was reached, or its rule held. */
  decided: boolean;
  /** Steps that became active (or active again). */
  activatedSteps: number[];
  /** The application's status after the write. */
  status: ApplicationStatus;
  /** The output licence issued on completion, if any. */
  outputLicenceId: Hex | undefined;
};

/** Reads the engine's events of a mined write. */
export function applicationWriteResult(result: WriteResult): ApplicationWriteReturnType {
  const completed = eventsOf(result, "ApplicationCompleted")[0];
  const status = completed
    ? ApplicationStatus.Completed
    : eventsOf(result, "ApplicationRejected").length > 0
      ? ApplicationStatus.Rejected
      : eventsOf(result, "ApplicationReturned").length > 0
        ? ApplicationStatus.Returned
        : ApplicationStatus.Active;
  const outputLicenceId = completed?.args.outputLicenceId;
  return {
    hash: result.hash,
    decided: eventsOf(result, "StepDecided").length > 0 || eventsOf(result, "StepApprovedByRule").length > 0,
    activatedSteps: eventsOf(result, "StepActivated").map((e) => e.args.step),
    status,
    outputLicenceId: outputLicenceId === undefined || /^0x0{64}$/.test(outputLicenceId) ? undefined : outputLicenceId,
  };
}
