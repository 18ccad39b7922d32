/**
 * Licence files built by `buildLicence` in this process, with their JSON as built: a file still
 * equal to it is known to be well formed and intact (its leaves and id were computed from its
 * fields here), so the actions that issue it skip checking it again. Any change to the file (a
 * field, a salt, a number) makes it differ and it is checked in full as any other file.
 */
import type { LicenceFile } from "./format.ts";

const built = new WeakMap<object, string>();

/** Records a file `buildLicence` just returned. */
export function rememberBuilt(file: LicenceFile): void {
  built.set(file, JSON.stringify(file));
}

/** True for a file `buildLicence` returned in this process and unchanged since. */
export function isUnchangedBuild(file: unknown): file is LicenceFile {
  if (typeof file !== "object" || file === null) return false;
  const json = built.get(file);
  return json !== undefined && json === JSON.stringify(file);
}
