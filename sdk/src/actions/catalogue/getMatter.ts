import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import type { MatterVersionDefinition } from "./internal/definition.ts";
import { decodeMatterVersion } from "./internal/encode.ts";
import { readMatterSummary, type MatterSummary } from "./internal/read.ts";

export type GetMatterParameters = {
  matterId: number;
  /** Version to read (default: the current one). */
  version?: number | undefined;
};

/** A matter with one of its versions in readable form. */
export type GetMatterReturnType = MatterSummary & {
  /** The version read. */
  version: number;
  /** Unix seconds the version was published. */
  publishedAt: number;
  /** Steps, materials, links, visits and baseline of the version, readable. */
  definition: Required<MatterVersionDefinition>;
  /** Longest chain of time limits through the steps, in working days (parallel approval). */
  criticalPathDays: number;
  /** Sum of all time limits, in working days (one step after another). */
  sequentialDays: number;
};

/**
 * Reads a matter and one version (default: current) back in readable form, with its critical
 * path and sequential duration in working days.
 *
 * @throws {ContractRevertError} `ServiceCatalogUnknownMatter` / `ServiceCatalogUnknownVersion`.
 *
 * @example
 * const vr = await getMatter(client, { matterId: 1 });
 * // vr.criticalPathDays === 26, vr.sequentialDays === 47
 */
export async function getMatter(
  client: OneWindowClient,
  parameters: GetMatterParameters,
): Promise<GetMatterReturnType> {
  const check = new Check("getMatter");
  const matterId = check.uint("matterId", parameters.matterId, 32, 1);
  const wanted = parameters.version === undefined ? undefined : check.uint("version", parameters.version, 16, 1);
  const summary = await readMatterSummary(client, matterId);
  return readMatterVersion(client, summary, wanted ?? summary.currentVersion);
}

/** The version `version` of a matter whose summary is known. */
export async function readMatterVersion(
  client: OneWindowClient,
  summary: MatterSummary,
  version: number,
): Promise<GetMatterReturnType> {
  const args = [summary.matterId, version] as const;
  const [stored, durations] = await Promise.all([
    readContract(client, { contract: "ServiceCatalog", functionName: "getVersion", args }),
    readContract(client, { contract: "ServiceCatalog", functionName: "durations", args }),
  ]);
  return {
    ...summary,
    version,
    publishedAt: stored.publishedAt,
    definition: decodeMatterVersion(stored),
    criticalPathDays: Number(durations[0]),
    sequentialDays: Number(durations[1]),
  };
}
