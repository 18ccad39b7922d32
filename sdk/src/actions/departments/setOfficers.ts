import type { Address, Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { officersAndThreshold } from "./internal/input.ts";

export type SetOfficersParameters = {
  departmentId: number;
  /** The whole new set of officers (1..32). */
  officers: readonly Address[];
  /** Officers' signatures needed for a decision (1..officers). */
  threshold: number;
};

export type SetOfficersReturnType = { hash: Hash };

/**
 * Replaces a department's officers and threshold (REGISTRAR role, with an execution delay in
 * production). Votes in flight lapse: the department's officers epoch increments.
 *
 * @example
 * await setOfficers(registrar, { departmentId, officers: [alice, dave], threshold: 1 });
 */
export async function setOfficers(
  client: OneWindowClient,
  parameters: SetOfficersParameters,
): Promise<SetOfficersReturnType> {
  const check = new Check("setOfficers");
  const departmentId = check.departmentId("departmentId", parameters.departmentId);
  const [officers, threshold] = officersAndThreshold(check, parameters.officers, parameters.threshold);
  const result = await writeContract(client, {
    contract: "DepartmentRegistry",
    functionName: "setOfficers",
    args: [departmentId, officers, threshold],
  });
  eventOf(result, "OfficersChanged");
  return { hash: result.hash };
}
