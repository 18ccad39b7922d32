import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { ApplicationStatus } from "../../chain/enums.ts";
import { Check } from "../../utils/input.ts";
import { ApplicationWaitError } from "../../errors/application.ts";
import { getApplication, type ApplicationInfo } from "./getApplication.ts";

export type WaitForApplicationParameters = {
  applicationId: Hex;
  /** The status (or any of the statuses) to wait for. */
  status: ApplicationStatus | readonly ApplicationStatus[];
  /** Milliseconds before giving up (default 60 000). */
  timeout?: number | undefined;
};

export type WaitForApplicationReturnType = ApplicationInfo;

const FINAL: readonly ApplicationStatus[] = [
  ApplicationStatus.Completed,
  ApplicationStatus.Rejected,
  ApplicationStatus.Withdrawn,
];

/**
 * Polls an application (at the client's polling interval) until it has the wanted status, e.g. a
 * front end or an exchange node waiting for other parties' decisions.
 *
 * @throws {ApplicationWaitError} on timeout, or at once when the application reaches a final
 * status (completed, rejected, withdrawn) other than the wanted one.
 * @throws {UnknownApplicationError} if there is no such application.
 *
 * @example
 * const done = await waitForApplication(client, { applicationId, status: ApplicationStatus.Completed });
 * console.log(done.outputLicenceId);
 */
export async function waitForApplication(
  client: OneWindowClient,
  parameters: WaitForApplicationParameters,
): Promise<WaitForApplicationReturnType> {
  const check = new Check("waitForApplication");
  const wanted: readonly ApplicationStatus[] = Array.isArray(parameters.status)
    ? parameters.status
    : [parameters.status as ApplicationStatus];
  if (wanted.length === 0) check.fail("status", "expected at least one status", "至少给出一个状态");
  const timeout = check.uint("timeout", parameters.timeout ?? 60_000, 32, 1);
  const giveUpAt = Date.now() + timeout;
  for (;;) {
    const application = await getApplication(client, { applicationId: parameters.applicationId });
    if (wanted.includes(application.status)) return application;
    if (FINAL.includes(application.status)) {
      throw new ApplicationWaitError(application.applicationId, application.status, wanted, false);
    }
    if (Date.now() >= giveUpAt) {
      throw new ApplicationWaitError(application.applicationId, application.status, wanted, true);
    }
    await new Promise((resolve) => setTimeout(resolve, client.pollingInterval));
  }
}
