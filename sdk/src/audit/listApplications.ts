import type { Address } from "viem";

import type { AuditClient } from "./client.ts";
import { AuditQueryError } from "./client.ts";
import { fetchAll } from "./query.ts";
import { APPLICATION_FIELDS, type ApplicationRecord } from "./records.ts";

export type ListApplicationsParameters = {
  /** Only this applicant's applications (default: everyone's). */
  applicant?: Address | undefined;
  /** By submission time; default "desc" (newest first). */
  orderDirection?: "asc" | "desc" | undefined;
};

export type ListApplicationsReturnType = ApplicationRecord[];

/**
 * Every indexed application (or one applicant's), by submission time.
 *
 * @throws {AuditQueryError} if the applicant is not an address or the query fails.
 *
 * @example
 * const mine = await listApplications(audit, { applicant: "0x…" });
 */
export async function listApplications(
  client: AuditClient,
  parameters: ListApplicationsParameters = {},
): Promise<ListApplicationsReturnType> {
  const applicant = parameters.applicant;
  if (applicant !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(applicant)) {
    throw new AuditQueryError(
      `applicant must be an address (0x + 40 hex digits), got ${JSON.stringify(applicant)}.`,
      `applicant 必须是地址（0x 加 40 位十六进制数字），而不是 ${JSON.stringify(applicant)}。`,
    );
  }
  const rows = await fetchAll(client, {
    plural: "applications",
    fields: APPLICATION_FIELDS,
    ...(applicant === undefined ? {} : { where: { applicant: applicant.toLowerCase() } }),
    orderBy: "submittedAt",
    orderDirection: parameters.orderDirection ?? "desc",
  });
  return rows as unknown as ApplicationRecord[];
}
