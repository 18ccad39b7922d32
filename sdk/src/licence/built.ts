/**
 * Licence files built by `buildLicence` in this process, with their JSON as built: a file still
 * equal to it is known to be well formed and intact (its leaves and id were computed from its
 * fields here), so the actions that issue it skip checking it again. Any change to the file (a
 * field, a salt, a number) makes it differ and it is checked in full as any other file.
 */
import type { LicenceFile } from "./format.ts";

/** Each built file's JSON as built, parsed back: a plain copy to compare the file with. */
const built = new WeakMap<object, unknown>();

/** Records a file `buildLicence` just returned. */
export function rememberBuilt(file: LicenceFile): void {
  built.set(file, JSON.parse(JSON.stringify(file)) as unknown);
}

/**
 * True when `value` would serialise to the same JSON as `copy` (a parsed JSON value), key order
 * aside: the same keys with values (a key holding `undefined` counts as absent, as in JSON), the
 * same array lengths, equal strings, numbers and booleans. Anything JSON cannot hold (a bigint, a
 * function, NaN) is unequal. Several times faster than serialising the file again.
 */
function sameAsJson(value: unknown, copy: unknown): boolean {
  if (value === copy) return typeof value !== "number" || Number.isFinite(value);
  if (typeof value !== "object" || typeof copy !== "object" || value === null || copy === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(copy) || value.length !== copy.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameAsJson(value[i], copy[i])) return false;
    return true;
  }
  if (Array.isArray(copy) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  const expected = copy as Record<string, unknown>;
  let keys = 0;
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) continue;
    keys++;
    if (!Object.hasOwn(expected, key) || !sameAsJson(record[key], expected[key])) return false;
  }
  return keys === Object.keys(expected).length;
}

/** True for a file `buildLicence` returned in this process and unchanged since. */
export function isUnchangedBuild(file: unknown): file is LicenceFile {
  if (typeof file !== "object" || file === null) return false;
  const copy = built.get(file);
  return copy !== undefined && sameAsJson(file, copy);
}
