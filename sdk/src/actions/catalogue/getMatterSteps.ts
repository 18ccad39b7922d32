import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import type { MatterStepInfo } from "./internal/definition.ts";
import { unpackStepWord } from "./internal/encode.ts";
import { resolveVersion } from "./internal/read.ts";

export type GetMatterStepsParameters = {
  matterId: number;
  /** Version to read (default: the current one). */
  version?: number | undefined;
};

export type GetMatterStepsReturnType = MatterStepInfo[];

/**
 * The steps of a matter version, decoded from the packed words the approval engine reads:
 * department, the steps each waits for, time limit, rule, and which step names the output licence.
 *
 * @throws {ContractRevertError} `ServiceCatalogUnknownMatter` / `ServiceCatalogUnknownVersion`.
 *
 * @example
 * const steps = await getMatterSteps(client, { matterId });
 * const parallel = steps.filter((s) => s.dependsOn.length === 1 && s.dependsOn[0] === 0);
 */
export async function getMatterSteps(
  client: OneWindowClient,
  parameters: GetMatterStepsParameters,
): Promise<GetMatterStepsReturnType> {
  const check = new Check("getMatterSteps");
  const matterId = check.uint("matterId", parameters.matterId, 32, 1);
  const version = await resolveVersion(client, check, matterId, parameters.version);
  const words = await readContract(client, {
    contract: "ServiceCatalog",
    functionName: "stepsOf",
    args: [matterId, version],
  });
  return words.map((word, index) => unpackStepWord(word, index));
}
