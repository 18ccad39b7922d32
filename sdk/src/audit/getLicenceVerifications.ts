import type { Hex } from "viem";

import type { AuditClient } from "./client.ts";
import { checkBytes32, chronological, fetchAll } from "./query.ts";
import { VERIFICATION_FIELDS, type VerificationRecord } from "./records.ts";

export type GetLicenceVerificationsParameters = {
  /** A licence id, a batch member's id or a batch root. */
  licenceId: Hex;
};

export type GetLicenceVerificationsReturnType = VerificationRecord[];

/**
 * Every recorded verification of one licence (the on-chain evidence: which department and officer
 * checked it, for what purpose, which fields, with what result), in chain order.
 *
 * @throws {AuditQueryError} if the id is malformed or the query fails.
 *
 * @example
 * const checks = await getLicenceVerifications(audit, { licenceId });
 */
export async function getLicenceVerifications(
  client: AuditClient,
  parameters: GetLicenceVerificationsParameters,
): Promise<GetLicenceVerificationsReturnType> {
  const licence = checkBytes32("licenceId", parameters.licenceId);
  const rows = await fetchAll(client, {
    plural: "verifications",
    fields: VERIFICATION_FIELDS,
    where: { licence },
    orderBy: "blockNumber",
  });
  return chronological(rows as unknown as VerificationRecord[]);
}
