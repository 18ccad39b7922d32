import type { OneWindowClient } from "../chain/client.ts";
import { applyDistrictPlan } from "./applyDistrictPlan.ts";
import { planDistrict } from "./planDistrict.ts";
import type { DistrictData, LoadDistrictOptions, LoadDistrictReturnType } from "./types.ts";

export type { DistrictProgress, LoadDistrictOptions, LoadDistrictReturnType } from "./types.ts";

/**
 * Loads a district into a OneWindow deployment through the SDK's actions: departments (with the
 * officers and encryption keys `options` gives), restriction listers, licence types, working
 * calendar years, the rules the matters need, and the matters (in the order their links need).
 * It is {@link planDistrict} then {@link applyDistrictPlan}, so idempotent: what is on chain as
 * the data says is skipped, what differs gets a new version (matters, licence types) or is updated
 * (a department's name, level, kind, threshold), so it can be run again after a failure or when the
 * data changes. Departments already on chain keep their officers and encryption keys, and nothing
 * is deactivated: plan those with {@link planDistrict}.
 * Independent writes are sent together, so it takes a few blocks, not one per item.
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
  // The plan (every reference and shape checked before any send), then exactly that plan.
  const { onProgress, ...planOptions } = options;
  const plan = await planDistrict(client, data, { ...planOptions, keepOfficers: true });
  return applyDistrictPlan(client, plan, { onProgress });
}
