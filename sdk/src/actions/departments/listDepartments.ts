import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { getDepartment, type Department } from "./getDepartment.ts";

export type ListDepartmentsParameters = {
  /** First id to list (default 1). */
  fromId?: number | undefined;
  /** Most departments to return (default: all). */
  limit?: number | undefined;
};

export type ListDepartmentsReturnType = Department[];

/**
 * Departments by id, from the chain's current state (for history, ask the indexer).
 *
 * @example
 * const departments = await listDepartments(client);
 * const page2 = await listDepartments(client, { fromId: 51, limit: 50 });
 */
export async function listDepartments(
  client: OneWindowClient,
  parameters: ListDepartmentsParameters = {},
): Promise<ListDepartmentsReturnType> {
  const check = new Check("listDepartments");
  const fromId = check.uint("fromId", parameters.fromId ?? 1, 32, 1);
  const limit = parameters.limit === undefined ? undefined : check.uint("limit", parameters.limit, 32, 1);
  const count = await readContract(client, {
    contract: "DepartmentRegistry",
    functionName: "departmentCount",
    args: [],
  });
  const last = limit === undefined ? count : Math.min(count, fromId + limit - 1);
  const ids = Array.from({ length: Math.max(0, last - fromId + 1) }, (_, index) => fromId + index);
  return Promise.all(ids.map((departmentId) => getDepartment(client, { departmentId })));
}
