import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { readMatterSummary, type MatterSummary } from "./internal/read.ts";

export type ListMattersParameters = {
  /** First matter id to list (default 1). */
  from?: number | undefined;
  /** Most matters to list (default 100). */
  limit?: number | undefined;
  /** Only matters open to new applications (default false: all). */
  activeOnly?: boolean | undefined;
};

export type ListMattersReturnType = { matters: MatterSummary[]; total: number };

/**
 * Lists the catalogue's matters from the chain, by id (for history and search, use the indexer).
 *
 * @example
 * const { matters, total } = await listMatters(client, { activeOnly: true });
 */
export async function listMatters(
  client: OneWindowClient,
  parameters: ListMattersParameters = {},
): Promise<ListMattersReturnType> {
  const check = new Check("listMatters");
  const from = check.uint("from", parameters.from ?? 1, 32, 1);
  const limit = check.uint("limit", parameters.limit ?? 100, 16, 1);
  const total = await readContract(client, { contract: "ServiceCatalog", functionName: "matterCount", args: [] });
  const ids = Array.from({ length: Math.max(0, Math.min(limit, total - from + 1)) }, (_, i) => from + i);
  const matters = await Promise.all(ids.map((matterId) => readMatterSummary(client, matterId)));
  return { matters: parameters.activeOnly ? matters.filter((m) => m.active) : matters, total };
}
