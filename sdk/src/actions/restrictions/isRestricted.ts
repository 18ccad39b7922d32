import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { subjectHash, type RestrictionSubjectInput } from "./internal/subject.ts";

export type IsRestrictedParameters = { subject: RestrictionSubjectInput };

/**
 * Whether the subject is listed now (listed and not expired). The id number is hashed locally;
 * only the hash is sent (in a call, not a transaction).
 *
 * @example
 * const restricted = await isRestricted(client, { subject: { listCode, idType: "USCC", idNumber } });
 */
export async function isRestricted(client: OneWindowClient, parameters: IsRestrictedParameters): Promise<boolean> {
  const subject = subjectHash(new Check("isRestricted"), parameters.subject);
  return readContract(client, { contract: "RestrictionList", functionName: "isRestricted", args: [subject] });
}
