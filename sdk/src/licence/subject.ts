import { encodeAbiParameters, keccak256, type Hex } from "viem";

import { RestrictionSubjectError } from "../errors/licence.ts";

/** Domain tag of restriction-list subject hashes, version 1. */
export const RESTRICTION_SUBJECT_TAG = "onewindow.restriction.v1";

const SUBJECT_PARAMETERS = [{ type: "string" }, { type: "string" }, { type: "string" }, { type: "string" }] as const;

/**
 * An id number as it is hashed: surrounding white space (including the full-width space) removed,
 * letters upper-cased (`11010119900307777x` → `11010119900307777X`).
 *
 * @example
 * normaliseIdNumber(" 11010119900307777x "); // "11010119900307777X"
 */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

/**
 * The subject id under which a person or organisation is listed in `RestrictionList`:
 *
 * `keccak256(abi.encode("onewindow.restriction.v1", listCode, idType, normaliseIdNumber(idNumber)))`
 *
 * The id never appears on chain in plaintext. But an id number has little entropy (a resident id
 * card number is a birth date, a region code and a few digits; a unified social credit code is
 * similar), so anyone holding this hash can find the id by trying every candidate. Such a hash is
 * therefore only ever published by the department that lists the subject (the court, the credit
 * department), about the subjects it lists (lists that are public anyway); nobody else
 * puts a subject hash on chain, and a hash of someone who is not listed is never published.
 *
 * @param listCode - Code of the list, e.g. `"COURT_DISHONEST_EXECUTOR"` (as the listing department uses it).
 * @param idType - Kind of id, e.g. `"RESIDENT_ID"` or `"USCC"` (unified social credit code).
 * @param idNumber - The id number; trimmed and upper-cased before hashing.
 * @throws {RestrictionSubjectError} if a part is empty, or `listCode`/`idType` has surrounding white space.
 *
 * @example
 * import { restrictionSubject } from "@onewindow/sdk";
 *
 * const subject = restrictionSubject("COURT_DISHONEST_EXECUTOR", "RESIDENT_ID", "11010119900307777x");
 * // isRestricted(subject) on RestrictionList
 */
export function restrictionSubject(listCode: string, idType: string, idNumber: string): Hex {
  for (const [part, value] of [
    ["listCode", listCode],
    ["idType", idType],
  ] as const) {
    if (value.length === 0) throw new RestrictionSubjectError({ reason: `${part} is empty` });
    if (value.trim() !== value) throw new RestrictionSubjectError({ reason: `${part} has surrounding white space` });
  }
  const normalised = normaliseIdNumber(idNumber);
  if (normalised.length === 0) throw new RestrictionSubjectError({ reason: "idNumber is empty" });
  return keccak256(encodeAbiParameters(SUBJECT_PARAMETERS, [RESTRICTION_SUBJECT_TAG, listCode, idType, normalised]));
}
