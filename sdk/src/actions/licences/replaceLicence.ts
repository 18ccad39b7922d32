import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { eventOf, writeContract } from "../../chain/write.ts";
import type { LicenceFile } from "../../licence/format.ts";
import { checkedFileFor, checkIssuerDepartment, licenceTarget, type LicenceReference } from "./internal/file.ts";
import { Check } from "../../utils/input.ts";

export type ReplaceLicenceParameters = {
  /** The licence to revoke: its file, or its id (with batch root and proof for a batch member). */
  old: LicenceReference;
  /** The corrected licence's file, from `buildLicence` (same type; its version and expiry are issued). */
  file: LicenceFile;
  /** The issuing department's reason code (uint16). */
  reason: number;
};

export type ReplaceLicenceReturnType = { licenceId: Hex; hash: Hash };

/**
 * Revokes a licence and issues its correction in one transaction (e.g. a changed registered
 * address); `replacedBy(old)` then names the new licence. A whole batch cannot be replaced.
 *
 * @example
 * const { file: corrected } = buildLicence({ ...same, fields: { ...fields, registeredAddress: newAddress } });
 * const { licenceId } = await replaceLicence(officer, { old: { file }, file: corrected, reason: 2 });
 */
export async function replaceLicence(
  client: OneWindowClient,
  parameters: ReplaceLicenceParameters,
): Promise<ReplaceLicenceReturnType> {
  const check = new Check("replaceLicence");
  const [oldId, batchRoot, proof] = licenceTarget(check, parameters.old);
  const file = checkedFileFor(client, check, parameters.file);
  if (file.batch !== undefined)
    check.fail("file.batch", "a replacement is issued alone, not in a batch", "替换证照须单独发放");
  if ("file" in parameters.old && parameters.old.file.typeId !== file.typeId) {
    check.fail("file.typeId", "a replacement keeps the type of the licence it replaces", "替换证照须与原证照类型相同");
  }
  const reason = check.uint("reason", parameters.reason, 16);
  await checkIssuerDepartment(client, check, file.issuerDepartment);
  const result = await writeContract(client, {
    contract: "LicenceRegistry",
    functionName: "replace",
    args: [oldId, batchRoot, proof, file.licenceId, file.typeVersion, file.expiresAt, reason],
  });
  return { licenceId: eventOf(result, "LicenceReplaced").args.newLicenceId, hash: result.hash };
}
