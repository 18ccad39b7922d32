import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { getLicenceType, type LicenceType } from "./getLicenceType.ts";

export type ListLicenceTypesParameters = {
  /** First type id to list (default 1). */
  fromId?: number | undefined;
  /** Most types to return (default: all). */
  limit?: number | undefined;
};

export type ListLicenceTypesReturnType = LicenceType[];

/**
 * Licence types by id, each with its current version.
 *
 * @example
 * const types = await listLicenceTypes(client);
 */
export async function listLicenceTypes(
  client: OneWindowClient,
  parameters: ListLicenceTypesParameters = {},
): Promise<ListLicenceTypesReturnType> {
  const check = new Check("listLicenceTypes");
  const fromId = check.uint("fromId", parameters.fromId ?? 1, 32, 1);
  const limit = parameters.limit === undefined ? undefined : check.uint("limit", parameters.limit, 32, 1);
  const count = await readContract(client, { contract: "LicenceTypeRegistry", functionName: "typeCount", args: [] });
  const last = limit === undefined ? count : Math.min(count, fromId + limit - 1);
  const ids = Array.from({ length: Math.max(0, last - fromId + 1) }, (_, index) => fromId + index);
  return Promise.all(ids.map((typeId) => getLicenceType(client, { typeId })));
}
