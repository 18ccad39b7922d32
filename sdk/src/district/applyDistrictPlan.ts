import type { OneWindowClient } from "../chain/client.ts";
import { Check } from "../utils/input.ts";
import { loadCalendars } from "./load/calendars.ts";
import { loadDepartments, loadListers, loadSealKeys, updateDepartments } from "./load/departments.ts";
import { loadLicenceTypes, updateLicenceTypes } from "./load/licenceTypes.ts";
import { loadMatters, updateMatters } from "./load/matters.ts";
import { loadRules, readBackRules } from "./load/rules.ts";
import { resultOf, startLoad } from "./load/state.ts";
import { planDistrict } from "./planDistrict.ts";
import type { ApplyDistrictPlanOptions, DistrictChange, DistrictPlan, LoadDistrictReturnType } from "./types.ts";

export type { ApplyDistrictPlanOptions } from "./types.ts";

/**
 * Applies a plan made by {@link planDistrict}: exactly its changes, in dependency order
 * (departments and calendar years; seal keys, listers, licence types and their versions; rules; matters and
 * their versions), independent writes together. A change behind an AccessManager delay is
 * scheduled (progress `scheduled`, with `executableAt`); a plan made after that time executes it.
 *
 * Idempotent: a plan made after the apply is empty. If the chain changed since the plan was made
 * (so that the same data now plans differently), or the plan has refusals, nothing is sent and an
 * {@link InvalidParameterError} says to plan again.
 *
 * @example
 * const plan = await planDistrict(registrar, data, options);
 * if (plan.changes.length > 0) await applyDistrictPlan(registrar, plan, { onProgress: console.log });
 */
export async function applyDistrictPlan(
  client: OneWindowClient,
  plan: DistrictPlan,
  options: ApplyDistrictPlanOptions = {},
): Promise<LoadDistrictReturnType> {
  const check = new Check("applyDistrictPlan");
  if (plan.refused.length > 0) {
    check.fail(
      "plan.refused",
      `the plan refuses ${plan.refused.length} change(s): ${plan.refused.map((r) => r.reason.en).join("; ")}`,
      `计划中有 ${plan.refused.length} 项变更被拒绝：${plan.refused.map((r) => r.reason.zh).join("；")}`,
    );
  }
  const fresh = await planDistrict(client, plan.data, plan.options);
  if (keys(fresh.changes) !== keys(plan.changes) || fresh.refused.length > 0) {
    check.fail(
      "plan",
      "the chain changed since the plan was made: make the plan again, review it, and apply that",
      "生成计划后链上状态已变化：请重新生成计划、审阅后再应用",
    );
  }
  const load = await startLoad(client, plan.data, { ...plan.options, onProgress: options.onProgress });
  await readBackRules(load);
  load.changes = fresh.changes;
  // Departments with the calendar years; then listers with licence types (their issuers are departments).
  await Promise.all([loadDepartments(load), loadCalendars(load)]);
  await Promise.all([updateDepartments(load), loadSealKeys(load), loadListers(load), loadLicenceTypes(load)]);
  await updateLicenceTypes(load);
  // Rules the new matters and versions need; then the matters, each after those it links to.
  await loadRules(load);
  await loadMatters(load);
  await updateMatters(load);
  return resultOf(load);
}

function keys(changes: readonly DistrictChange[]): string {
  return changes
    .map((c) => `${c.kind}:${c.code}:${c.action}`)
    .sort()
    .join("\n");
}
