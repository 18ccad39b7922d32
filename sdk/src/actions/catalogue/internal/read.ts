/** Shared by the catalogue's read actions. */
import type { OneWindowClient } from "../../../chain/client.ts";
import { readContract } from "../../../chain/read.ts";
import type { Check } from "../../../utils/input.ts";

/** A matter's summary, as `ServiceCatalog.getMatter` returns it. */
export type MatterSummary = {
  matterId: number;
  /** Unique code, e.g. `"HD-VR-HALL"`. */
  code: string;
  name: string;
  /** Latest version (1, 2, …). */
  currentVersion: number;
  /** Whether it takes new applications. */
  active: boolean;
};

/** The matter's summary; reverts (decoded) with `ServiceCatalogUnknownMatter` if there is none. */
export async function readMatterSummary(client: OneWindowClient, matterId: number): Promise<MatterSummary> {
  const matter = await readContract(client, {
    contract: "ServiceCatalog",
    functionName: "getMatter",
    args: [matterId],
  });
  return {
    matterId,
    code: matter.code,
    name: matter.name,
    currentVersion: matter.currentVersion,
    active: matter.active,
  };
}

/** `version` checked, or the matter's current version when absent. */
export async function resolveVersion(
  client: OneWindowClient,
  check: Check,
  matterId: number,
  version: number | undefined,
): Promise<number> {
  if (version !== undefined) return check.uint("version", version, 16, 1);
  return (await readMatterSummary(client, matterId)).currentVersion;
}
