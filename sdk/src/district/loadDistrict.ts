import type { OneWindowClient } from "../chain/client.ts";
import { loadCalendars } from "./load/calendars.ts";
import { checkDistrict } from "./load/check.ts";
import { loadDepartments, loadListers } from "./load/departments.ts";
import { loadLicenceTypes } from "./load/licenceTypes.ts";
import { loadMatters } from "./load/matters.ts";
import { loadRules } from "./load/rules.ts";
import { resultOf, startLoad } from "./load/state.ts";
import type { DistrictData, LoadDistrictOptions, LoadDistrictReturnType } from "./types.ts";

export type { DistrictProgress, LoadDistrictOptions, LoadDistrictReturnType } from "./types.ts";

/**
 * Loads a district into a OneWindow deployment through the SDK's actions: departments (with the
 * officers and encryption keys `options` gives), restriction listers, licence types, working
 * calendar years, the rules the matters need, and the matters (in the order their links need).
 * It is idempotent: what already exists by code (or a calendar year already set the same) is
 * skipped, so it can be run again after a failure or when the data grows. Independent writes are
 * sent together, so it takes a few blocks, not one per item.
 *
 * Every reference (department, licence type, rule, matter and condition codes) and every matter's
 * shape (step dependencies, time limits, …) is checked first: an {@link InvalidParameterError}
 * names the bad entry and nothing is sent.
 *
 * The client needs the REGISTRAR, CALENDAR_KEEPER and CATALOGUE_EDITOR roles for what it creates.
 *
 * @example
 * const ids = await loadDistrict(admin, mergeDistrictData(departments, licenceTypes, matters), {
 *   officersOf: (code) => officers[code],
 *   encryptionKeyOf: (code) => keys[code],
 *   onProgress: (e) => console.log(e.kind, e.code, e.action),
 * });
 * ids.matters["HD-VR-HALL"]; // the matter id
 */
export async function loadDistrict(
  client: OneWindowClient,
  data: DistrictData,
  options: LoadDistrictOptions,
): Promise<LoadDistrictReturnType> {
  // What of the data is on chain already, by code; then every reference and shape, before any send.
  const load = await startLoad(client, data, options);
  checkDistrict(load);
  // Departments with the calendar years; then listers with licence types (their issuers are departments).
  await Promise.all([loadDepartments(load), loadCalendars(load)]);
  await Promise.all([loadListers(load), loadLicenceTypes(load)]);
  // Rules the new matters need; then the matters, each after those it links to.
  await loadRules(load);
  await loadMatters(load);
  return resultOf(load);
}
