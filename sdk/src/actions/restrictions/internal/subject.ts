import type { Hex } from "viem";

import { restrictionSubject } from "../../../licence/subject.ts";
import type { Check } from "../../../utils/input.ts";

/**
 * A restriction-list subject: its hash, or the parts it is hashed from (list code, id type, id
 * number), hashed locally by `restrictionSubject`: the id number never leaves this process.
 */
export type RestrictionSubjectInput = Hex | { listCode: string; idType: string; idNumber: string };

/** The subject hash (bytes32, non-zero). */
export function subjectHash(check: Check, subject: RestrictionSubjectInput): Hex {
  if (typeof subject === "string") return check.bytes32("subject", subject, { nonZero: true });
  return restrictionSubject(subject.listCode, subject.idType, subject.idNumber);
}
