import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import type { MatterVersionDefinition } from "./internal/definition.ts";
import { encodeMatterVersion } from "./internal/encode.ts";

export type PublishMatterVersionParameters = MatterVersionDefinition & {
  /** The matter. */
  matterId: number;
};

export type PublishMatterVersionReturnType = { version: number; hash: Hash };

/**
 * Publishes a new version of a matter (CATALOGUE_EDITOR role); new applications bind to it,
 * applications under way keep theirs. The definition is checked as for {@link registerMatter}.
 *
 * @throws {ContractRevertError} e.g. `ServiceCatalogUnknownMatter`, `AccessManagedUnauthorized`,
 * `ServiceCatalogOutputIssuerNotAuthorised` (the output step's department does not issue the output type).
 *
 * @example
 * const { version } = await publishMatterVersion(editor, {
 *   matterId,
 *   steps: [{ departmentId: zgc, timeLimit: 10, rule: zgcRule, issues: zgcCertificateType }],
 *   materials: [{ kind: "licence", licenceTypeId: nationalHnteType, name: "国家高新技术企业证书" }],
 * });
 */
export async function publishMatterVersion(
  client: OneWindowClient,
  parameters: PublishMatterVersionParameters,
): Promise<PublishMatterVersionReturnType> {
  const check = new Check("publishMatterVersion");
  const matterId = check.uint("matterId", parameters.matterId, 32, 1);
  const input = encodeMatterVersion(parameters, check);
  const result = await writeContract(client, {
    contract: "ServiceCatalog",
    functionName: "publishVersion",
    args: [matterId, input],
  });
  return { version: eventOf(result, "MatterVersionPublished").args.version, hash: result.hash };
}
