import type { Address } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";

export type DepartmentOfParameters = { account: Address };

/** The department the account is an officer of, or `undefined` if none. */
export type DepartmentOfReturnType = { departmentId: number; active: boolean } | undefined;

/**
 * The department `account` is an officer of, and whether it is active; `undefined` if the account
 * is no officer.
 *
 * @example
 * const mine = await departmentOf(client, { account: officer.address });
 */
export async function departmentOf(
  client: OneWindowClient,
  parameters: DepartmentOfParameters,
): Promise<DepartmentOfReturnType> {
  const account = new Check("departmentOf").address("account", parameters.account);
  const [departmentId, active] = await readContract(client, {
    contract: "DepartmentRegistry",
    functionName: "departmentOf",
    args: [account],
  });
  return departmentId === 0 ? undefined : { departmentId, active };
}
