import type { Hash, Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { writeContract } from "../../chain/write.ts";
import { Check } from "../../utils/input.ts";
import { subjectHash, type RestrictionSubjectInput } from "./internal/subject.ts";

export type UnlistSubjectParameters = { subject: RestrictionSubjectInput };

export type UnlistSubjectReturnType = { subject: Hex; hash: Hash };

/**
 * An officer of the department that listed a subject unlists it (even if the department may no
 * longer list new subjects).
 *
 * @throws {ContractRevertError} `NotDepartmentOfficer`, `RestrictionListNotListed`,
 * `RestrictionListListedByOther`.
 *
 * @example
 * await unlistSubject(courtOfficer, { subject });
 */
export async function unlistSubject(
  client: OneWindowClient,
  parameters: UnlistSubjectParameters,
): Promise<UnlistSubjectReturnType> {
  const subject = subjectHash(new Check("unlistSubject"), parameters.subject);
  const { hash } = await writeContract(client, {
    contract: "RestrictionList",
    functionName: "unlist",
    args: [subject],
  });
  return { subject, hash };
}
