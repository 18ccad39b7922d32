import type { Address } from "viem";

import { AuditQueryError, type AuditClient } from "./client.ts";
import { fetchAll } from "./query.ts";
import { CONSENT_FIELDS, type IndexedConsentRecord } from "./records.ts";

export type ListConsentsParameters = {
  /** The holder whose consents are listed. */
  holder: Address;
};

export type ListConsentsReturnType = IndexedConsentRecord[];

/**
 * Every consent a holder granted (current state of each: a re-grant replaces, a revoke marks it),
 * newest grant first: for the holder's "My consents" page.
 *
 * @throws {AuditQueryError} if the holder is not an address or the query fails.
 *
 * @example
 * const consents = await listConsents(audit, { holder: "0x…" });
 */
export async function listConsents(
  client: AuditClient,
  parameters: ListConsentsParameters,
): Promise<ListConsentsReturnType> {
  const holder = parameters?.holder;
  if (typeof holder !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(holder)) {
    throw new AuditQueryError(
      `holder must be an address (0x + 40 hex digits), got ${JSON.stringify(holder)}.`,
      `holder 必须是地址（0x 加 40 位十六进制数字），而不是 ${JSON.stringify(holder)}。`,
    );
  }
  const rows = await fetchAll(client, {
    plural: "consents",
    fields: CONSENT_FIELDS,
    where: { holder: holder.toLowerCase() },
    orderBy: "grantedAt",
    orderDirection: "desc",
  });
  return rows as unknown as IndexedConsentRecord[];
}
