import { LicenceFieldError } from "../errors/licence.ts";
import { MAX_LICENCE_FIELDS } from "./validate.ts";

/**
 * The field mask of `names` in a schema: bit i is set when `fieldNames[i]` is named. This is the
 * `fieldMask` of `ConsentRegistry` grants and of `LicenceRegistry.recordVerification`.
 *
 * @param fieldNames - The type version's field names, in schema order.
 * @param names - The fields to include; each at most once.
 * @throws {LicenceFieldError} naming a field not in the schema or named twice.
 *
 * @example
 * fieldMaskOf(["holder", "name", "creditCode", "registeredAddress"], ["name", "registeredAddress"]); // 10n (0b1010)
 */
export function fieldMaskOf(fieldNames: readonly string[], names: readonly string[]): bigint {
  if (fieldNames.length > MAX_LICENCE_FIELDS) {
    throw new LicenceFieldError({ reason: `a licence type has at most ${MAX_LICENCE_FIELDS} fields` });
  }
  let mask = 0n;
  for (const name of names) {
    const index = fieldNames.indexOf(name);
    if (index < 0) throw new LicenceFieldError({ field: name, reason: "not in the type's fieldNames" });
    const bit = 1n << BigInt(index);
    if ((mask & bit) !== 0n) throw new LicenceFieldError({ field: name, reason: "named twice" });
    mask |= bit;
  }
  return mask;
}

/**
 * The field names a mask selects, in schema order (the inverse of {@link fieldMaskOf}).
 *
 * @throws {LicenceFieldError} if the mask sets a bit past the last field.
 *
 * @example
 * fieldNamesOfMask(["holder", "name", "creditCode", "registeredAddress"], 10n); // ["name", "registeredAddress"]
 */
export function fieldNamesOfMask(fieldNames: readonly string[], mask: bigint): string[] {
  if (mask < 0n || mask >> BigInt(fieldNames.length) !== 0n) {
    throw new LicenceFieldError({ reason: `the mask selects fields beyond the ${fieldNames.length} of the schema` });
  }
  return fieldNames.filter((_, index) => ((mask >> BigInt(index)) & 1n) === 1n);
}
