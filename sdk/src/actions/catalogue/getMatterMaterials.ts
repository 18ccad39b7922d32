import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import type { MatterMaterial } from "./internal/definition.ts";
import { decodeMatterVersion } from "./internal/encode.ts";
import { resolveVersion } from "./internal/read.ts";

export type GetMatterMaterialsParameters = {
  matterId: number;
  /** Version to read (default: the current one). */
  version?: number | undefined;
};

export type GetMatterMaterialsReturnType = MatterMaterial[];

/**
 * The materials of a matter version in readable form, each with its index (what an application
 * names when it presents a licence or an upload).
 *
 * @throws {ContractRevertError} `ServiceCatalogUnknownMatter` / `ServiceCatalogUnknownVersion`.
 *
 * @example
 * const materials = await getMatterMaterials(client, { matterId });
 * const fromChain = materials.filter((m) => m.kind === "licence");
 */
export async function getMatterMaterials(
  client: OneWindowClient,
  parameters: GetMatterMaterialsParameters,
): Promise<GetMatterMaterialsReturnType> {
  const check = new Check("getMatterMaterials");
  const matterId = check.uint("matterId", parameters.matterId, 32, 1);
  const version = await resolveVersion(client, check, matterId, parameters.version);
  const stored = await readContract(client, {
    contract: "ServiceCatalog",
    functionName: "getVersion",
    args: [matterId, version],
  });
  return decodeMatterVersion(stored).materials.map((material, index) => ({ ...material, index }));
}
