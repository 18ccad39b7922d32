import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { ApplicationStatus } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { dependencyIndexes } from "../catalogue/internal/encode.ts";
import { Check, ZERO_BYTES32 } from "../../utils/input.ts";
import { UnknownApplicationError } from "../../errors/application.ts";

export type GetApplicationParameters = { applicationId: Hex };

/** An application, readable. */
export type ApplicationInfo = {
  applicationId: Hex;
  /** Holder of the presented licences and of the output licence. */
  applicant: Address;
  matterId: number;
  /** Version bound at submission. */
  matterVersion: number;
  status: ApplicationStatus;
  stepCount: number;
  /** Indexes of the approved steps. */
  approvedSteps: number[];
  /** Indexes of the active steps (their clocks are stopped while the application is returned). */
  activeSteps: number[];
  /** The output licence of a completed application, if the matter issues one. */
  outputLicenceId: Hex | undefined;
};

export type GetApplicationReturnType = ApplicationInfo;

/**
 * Reads an application's current state from the chain.
 *
 * @throws {UnknownApplicationError} if there is none with this id.
 *
 * @example
 * const { status, activeSteps } = await getApplication(client, { applicationId });
 */
export async function getApplication(
  client: OneWindowClient,
  parameters: GetApplicationParameters,
): Promise<GetApplicationReturnType> {
  const applicationId = new Check("getApplication").bytes32("applicationId", parameters.applicationId, {
    nonZero: true,
  });
  const [app, output] = await Promise.all([
    readContract(client, { contract: "ApprovalEngine", functionName: "getApplication", args: [applicationId] }),
    readContract(client, { contract: "ApprovalEngine", functionName: "outputLicenceOf", args: [applicationId] }),
  ]);
  if (app.status === ApplicationStatus.None) throw new UnknownApplicationError(applicationId);
  return {
    applicationId,
    applicant: app.applicant,
    matterId: app.matterId,
    matterVersion: app.matterVersion,
    status: app.status as ApplicationStatus,
    stepCount: app.stepCount,
    approvedSteps: dependencyIndexes(app.approvedSteps),
    activeSteps: dependencyIndexes(app.activeSteps),
    outputLicenceId: output === ZERO_BYTES32 ? undefined : output,
  };
}
