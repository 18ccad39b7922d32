import type { OneWindowClient } from "../../chain/client.ts";
import type { LicenceStatus } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { licenceTarget, type LicenceReference } from "./internal/file.ts";
import { Check } from "../../utils/input.ts";

export type GetLicenceStatusParameters = LicenceReference;

export type GetLicenceStatusReturnType = LicenceStatus;

/**
 * The status of a licence now: Valid, Suspended, Revoked, Expired, or Unknown (never issued, or
 * a batch member asked about without a proof that holds).
 *
 * @example
 * if ((await getLicenceStatus(client, { file })) !== LicenceStatus.Valid) refuse();
 */
export async function getLicenceStatus(
  client: OneWindowClient,
  parameters: GetLicenceStatusParameters,
): Promise<GetLicenceStatusReturnType> {
  const [licenceId, batchRoot, proof] = licenceTarget(new Check("getLicenceStatus"), parameters);
  const status = await readContract(client, {
    contract: "LicenceRegistry",
    functionName: "statusOf",
    args: [licenceId, batchRoot, proof],
  });
  return status as LicenceStatus;
}
