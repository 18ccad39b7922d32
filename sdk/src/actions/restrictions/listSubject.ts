import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { subjectHash, type RestrictionSubjectInput } from "./internal/subject.ts";

export type ListSubjectParameters = {
  /** The subject's hash, or its list code, id type and id number (hashed here; never sent). */
  subject: RestrictionSubjectInput;
  /** The listing department's reason code (uint16). */
  reason: number;
  /** Unix seconds; 0 or absent = until unlisted. */
  expiresAt?: number | undefined;
};

export type ListSubjectReturnType = { subject: Hex; hash: Hash };

/**
 * An officer of an allowed department lists a subject (or renews its own listing). Only the
 * subject's hash goes on chain.
 *
 * @throws {ContractRevertError} `NotDepartmentOfficer`, `RestrictionListNotLister`,
 * `RestrictionListListedByOther`, `RestrictionListInvalidExpiry`.
 *
 * @example
 * await listSubject(courtOfficer, {
 *   subject: { listCode: "COURT_DISHONEST_EXECUTOR", idType: "RESIDENT_ID", idNumber },
 *   reason: 1,
 * });
 */
export async function listSubject(
  client: OneWindowClient,
  parameters: ListSubjectParameters,
): Promise<ListSubjectReturnType> {
  const check = new Check("listSubject");
  const subject = subjectHash(check, parameters.subject);
  const { hash } = await writeContract(client, {
    contract: "RestrictionList",
    functionName: "list",
    args: [
      subject,
      check.uint("reason", parameters.reason, 16),
      check.uint("expiresAt", parameters.expiresAt ?? 0, 40),
    ],
  });
  return { subject, hash };
}
