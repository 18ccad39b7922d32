import { parseApplicationNumber } from "../utils/applicationNumber.ts";
import type { AuditClient } from "./client.ts";
import { fetchAll } from "./query.ts";
import { APPLICATION_FIELDS, type ApplicationRecord } from "./records.ts";

export type FindApplicationsByNumberParameters = {
  /** A 受理号 as a person typed it (`7WN-8MK-Q4T`, `7wn8mkq4t`, …). */
  number: string;
};

export type FindApplicationsByNumberReturnType = {
  /** The number as printed. */
  number: string;
  /**
   * Every indexed application with this number, newest first: usually one; none when no such
   * application is indexed; several when ids share their leading 40 bits (ask which one, e.g. by
   * matter and date).
   */
  applications: ApplicationRecord[];
};

/**
 * Finds the applications a 受理号 stands for (the workbench's and the audit console's search):
 * the number is checked first (a mistyped symbol is caught by its check symbol), then the indexer
 * is asked for every application id that starts with the number's 40 bits.
 *
 * @throws {InvalidParameterError} for a malformed or mistyped number (nothing is queried).
 * @throws {AuditQueryError} if the query fails.
 *
 * @example
 * const { applications } = await findApplicationsByNumber(audit, { number: "7WN-8MK-Q4T" });
 */
export async function findApplicationsByNumber(
  client: AuditClient,
  parameters: FindApplicationsByNumberParameters,
): Promise<FindApplicationsByNumberReturnType> {
  const { number, idPrefix } = parseApplicationNumber(parameters?.number);
  const pad = (digit: string) => `${idPrefix}${digit.repeat(64 - (idPrefix.length - 2))}`;
  const rows = await fetchAll(client, {
    plural: "applications",
    fields: APPLICATION_FIELDS,
    // Ponder filters text by prefix; graph-node compares Bytes, so the prefix is a closed range.
    where: client.dialect === "ponder" ? { id_starts_with: idPrefix } : { id_gte: pad("0"), id_lte: pad("f") },
    orderBy: "submittedAt",
    orderDirection: "desc",
  });
  return { number, applications: rows as unknown as ApplicationRecord[] };
}
