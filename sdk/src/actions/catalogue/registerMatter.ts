import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { MAX_MATTER_CODE_BYTES, MAX_MATTER_NAME_BYTES, type MatterDefinition } from "./internal/definition.ts";
import { encodeMatterVersion } from "./internal/encode.ts";

export type RegisterMatterParameters = MatterDefinition;

export type RegisterMatterReturnType = { matterId: number; version: number; hash: Hash };

/**
 * Registers a service matter with its first version (CATALOGUE_EDITOR role), from its readable
 * definition: steps name their department, the indexes of the steps they wait for and their time
 * limit in working days. The definition is checked first: an {@link InvalidParameterError} names
 * the bad field (unknown step index, a cycle, a dependency on a later step, …) and nothing is sent.
 *
 * @throws {ContractRevertError} e.g. `ServiceCatalogInvalidCode` (code taken),
 * `ServiceCatalogOutputIssuerNotAuthorised` (the output step's department does not issue the output type),
 * `ServiceCatalogUnknownDepartment`, `AccessManagedUnauthorized`.
 *
 * @example
 * const { matterId } = await registerMatter(editor, {
 *   code: "HD-ZGC-HNTE",
 *   name: "中关村高新技术企业认定",
 *   steps: [{ departmentId: zgc, timeLimit: 15, rule: zgcRule, issues: zgcCertificateType }],
 *   materials: [{ kind: "licence", licenceTypeId: nationalHnteType, name: "国家高新技术企业证书" }],
 *   baseline: { materials: 5, workingDays: 15, visits: 1 },
 * });
 */
export async function registerMatter(
  client: OneWindowClient,
  parameters: RegisterMatterParameters,
): Promise<RegisterMatterReturnType> {
  const check = new Check("registerMatter");
  const code = check.text("code", parameters.code, { maxBytes: MAX_MATTER_CODE_BYTES, ascii: true });
  const name = check.text("name", parameters.name, { maxBytes: MAX_MATTER_NAME_BYTES });
  const input = encodeMatterVersion(parameters, check);
  const result = await writeContract(client, {
    contract: "ServiceCatalog",
    functionName: "registerMatter",
    args: [code, name, input],
  });
  return {
    matterId: eventOf(result, "MatterRegistered").args.matterId,
    version: eventOf(result, "MatterVersionPublished").args.version,
    hash: result.hash,
  };
}
