import type { Hash } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { versionInput, type LicenceTypeVersionInput } from "./registerLicenceType.ts";

export type PublishLicenceTypeVersionParameters = LicenceTypeVersionInput & {
  /** The type to publish a new version of. */
  typeId: number;
};

export type PublishLicenceTypeVersionReturnType = { version: number; hash: Hash };

/**
 * Publishes a new version of a licence type's schema, in force from now (REGISTRAR role).
 * Licences issued under an earlier version keep verifying against it.
 *
 * @example
 * const { version } = await publishLicenceTypeVersion(registrar, {
 *   typeId,
 *   level: Level.District,
 *   defaultValidity: 0,
 *   fieldNames: ["holder", "name", "creditCode", "registeredAddress", "legalRepresentative"],
 *   issuers: [samrId],
 * });
 */
export async function publishLicenceTypeVersion(
  client: OneWindowClient,
  parameters: PublishLicenceTypeVersionParameters,
): Promise<PublishLicenceTypeVersionReturnType> {
  const check = new Check("publishLicenceTypeVersion");
  const typeId = check.uint("typeId", parameters.typeId, 32, 1);
  const input = versionInput(check, parameters);
  const result = await writeContract(client, {
    contract: "LicenceTypeRegistry",
    functionName: "publishVersion",
    args: [typeId, input],
  });
  return { version: eventOf(result, "LicenceTypeVersionPublished").args.version, hash: result.hash };
}
