import type { Address, Hash, Hex } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { loadCalendars } from "./load/calendars.ts";
import { checkDistrict } from "./load/check.ts";
import { loadDepartments, loadListers } from "./load/departments.ts";
import { loadLicenceTypes } from "./load/licenceTypes.ts";
import { loadMatters } from "./load/matters.ts";
import { loadRules } from "./load/rules.ts";
import { resultOf, startLoad } from "./load/state.ts";
import type { DistrictData } from "./types.ts";

/** One thing `loadDistrict` registered, or found already there. */
export type DistrictProgress = {
  kind: "department" | "licenceType" | "lister" | "calendar" | "rule" | "matter";
  /** Its code (a calendar: its year). */
  code: string;
  /** `created`: sent now; `skipped`: already on chain. */
  action: "created" | "skipped";
  /** The transaction, when created. */
  hash?: Hash | undefined;
};

export type LoadDistrictOptions = {
  /** The officers of a department (its threshold is in the data). */
  officersOf: (code: string) => readonly Address[] | Promise<readonly Address[]>;
  /** The compressed secp256k1 public key (33 bytes) a department's disclosures are encrypted to. */
  encryptionKeyOf: (code: string) => Hex | Promise<Hex>;
  /** Told of each department, licence type, lister, calendar year, rule and matter. */
  onProgress?: ((event: DistrictProgress) => void) | undefined;
  /** Rules already deployed, by code (not deployed again). */
  rules?: Readonly<Record<string, Address>> | undefined;
};

/** The chain ids of everything in the data, by code. */
export type LoadDistrictReturnType = {
  departments: Record<string, number>;
  licenceTypes: Record<string, number>;
  rules: Record<string, Address>;
  matters: Record<string, number>;
  /** Transactions and deployments sent. */
  created: number;
  /** Things found already on chain. */
  skipped: number;
};

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
