import type { OneWindowClient } from "../chain/client.ts";
import { checkDistrict } from "./load/check.ts";
import { diffDistrict } from "./load/diff.ts";
import { readBackRules } from "./load/rules.ts";
import { startLoad } from "./load/state.ts";
import type { DistrictData, DistrictPlan, PlanDistrictOptions } from "./types.ts";

export type { DistrictChange, DistrictPlan, DistrictRefusal, PlanDistrictOptions } from "./types.ts";

/**
 * Compares a district's data with the chain and says what applying it would do, sending nothing:
 * departments, licence types, calendar years, listers, rules and matters added; new versions (a
 * matter whose steps, materials, links, visits or baseline differ; a licence type whose schema,
 * level, validity or issuers differ); departments updated; officers added and removed and
 * thresholds changed; what is reactivated, and (with `deactivateAbsent`) what is deactivated
 * because the data no longer has it. A change behind an AccessManager execution delay for the
 * applying account says from when it can be executed. What cannot be done is refused, with the
 * reason in Chinese and English, and then nothing of the plan is applied.
 *
 * Every reference and shape is checked first, as by {@link loadDistrict}: an
 * {@link InvalidParameterError} names the bad entry.
 *
 * @example
 * const plan = await planDistrict(client, data, { officersOf, encryptionKeyOf, deactivateAbsent: true });
 * for (const c of plan.changes) console.log(c.kind, c.code, c.action, c.fields);
 * await applyDistrictPlan(registrar, plan, { onProgress: console.log });
 */
export async function planDistrict(
  client: OneWindowClient,
  data: DistrictData,
  options: PlanDistrictOptions,
): Promise<DistrictPlan> {
  const load = await startLoad(client, data, options);
  checkDistrict(load);
  await readBackRules(load);
  const block = await client.public.getBlock();
  const now = Number(block.timestamp);
  const diff = await diffDistrict(load, {
    deactivateAbsent: options.deactivateAbsent === true,
    keepOfficers: options.keepOfficers === true,
    caller: options.caller ?? client.wallet?.account.address,
    now,
  });
  return { ...diff, data, options, at: now };
}
