import type { Hex } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { subjectHash, type RestrictionSubjectInput } from "./internal/subject.ts";

export type GetRestrictionParameters = { subject: RestrictionSubjectInput };

/** A listing as stored. */
export type Restriction = {
  subject: Hex;
  /** Department that listed the subject. */
  listedBy: number;
  /** The listing department's reason code. */
  reason: number;
  /** Unix seconds. */
  listedAt: number;
  /** Unix seconds; 0 = until unlisted. */
  expiresAt: number;
  /** False once unlisted. */
  listed: boolean;
};

/** The entry, or `undefined` if the subject was never listed. */
export type GetRestrictionReturnType = Restriction | undefined;

/**
 * The stored listing of a subject (also after it was unlisted or expired), or `undefined`.
 *
 * @example
 * const entry = await getRestriction(client, { subject });
 */
export async function getRestriction(
  client: OneWindowClient,
  parameters: GetRestrictionParameters,
): Promise<GetRestrictionReturnType> {
  const subject = subjectHash(new Check("getRestriction"), parameters.subject);
  const entry = await readContract(client, { contract: "RestrictionList", functionName: "getEntry", args: [subject] });
  if (entry.listedBy === 0) return undefined;
  return { subject, ...entry };
}
