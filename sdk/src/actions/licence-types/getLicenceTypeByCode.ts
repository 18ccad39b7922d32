import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { getLicenceType, type LicenceType } from "./getLicenceType.ts";
import { MAX_LICENCE_TYPE_CODE_BYTES } from "./registerLicenceType.ts";

export type GetLicenceTypeByCodeParameters = { code: string };

/** The type with its current version, or `undefined` if no type has this code. */
export type GetLicenceTypeByCodeReturnType = LicenceType | undefined;

/**
 * The licence type with this code and its current version, or `undefined`.
 *
 * @example
 * const businessLicence = await getLicenceTypeByCode(client, { code: "BUSINESS_LICENCE" });
 */
export async function getLicenceTypeByCode(
  client: OneWindowClient,
  parameters: GetLicenceTypeByCodeParameters,
): Promise<GetLicenceTypeByCodeReturnType> {
  const code = new Check("getLicenceTypeByCode").text("code", parameters.code, {
    maxBytes: MAX_LICENCE_TYPE_CODE_BYTES,
  });
  const typeId = await readContract(client, {
    contract: "LicenceTypeRegistry",
    functionName: "typeIdByCode",
    args: [code],
  });
  return typeId === 0 ? undefined : getLicenceType(client, { typeId });
}
