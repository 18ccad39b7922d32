/** The step of `loadDistrict` that finds or deploys the approval rules the matters need. */
import type { Address, Hash } from "viem";

import { getMatterSteps } from "../../actions/catalogue/getMatterSteps.ts";
import { deployCompositeRule } from "../../actions/rules/deployCompositeRule.ts";
import { deployHoldsValidLicenceRule } from "../../actions/rules/deployHoldsValidLicenceRule.ts";
import { deployNotRestrictedRule } from "../../actions/rules/deployNotRestrictedRule.ts";
import type { OneWindowClient } from "../../chain/client.ts";
import type { DistrictMatter, DistrictRule } from "../types.ts";
import { ruleOrder } from "./order.ts";
import type { DistrictLoad } from "./state.ts";

/** The rules of matters already registered, read back from their steps, by code. */
export async function readBackRules(load: DistrictLoad): Promise<void> {
  const { client, matters, matterIds, knownRules } = load;
  await Promise.all(
    matters
      .filter((m) => matterIds.has(m.code) && m.steps.some((s) => s.rule !== undefined && !knownRules.has(s.rule)))
      .map(async (m) => {
        const steps = await getMatterSteps(client, { matterId: matterIds.get(m.code)! });
        m.steps.forEach((s, k) => {
          const address = steps[k]?.rule;
          if (s.rule !== undefined && address !== undefined && !knownRules.has(s.rule)) knownRules.set(s.rule, address);
        });
      }),
  );
}

/** The rules `matters` need that are not deployed yet, in order: combined rules after those they combine. */
export function rulesToDeploy(load: DistrictLoad, matters: readonly DistrictMatter[]): DistrictRule[] {
  const { check, rules, knownRules } = load;
  const wanted = new Set<string>();
  const want = (code: string) => {
    if (knownRules.has(code) || wanted.has(code)) return;
    wanted.add(code);
    const rule = rules.find((r) => r.code === code)!;
    if (rule.kind === "composite") rule.rules.forEach(want);
  };
  matters.forEach((m) => m.steps.forEach((s) => s.rule !== undefined && want(s.rule)));
  return ruleOrder(
    check,
    rules.filter((r) => wanted.has(r.code)),
  ).flat();
}

/** Deploys the rules of the plan, combined rules after the rules they combine. */
export async function loadRules(load: DistrictLoad): Promise<void> {
  const { client, check, rules, typeIds, knownRules, report } = load;
  const planned = new Set(load.changes.filter((c) => c.kind === "rule").map((c) => c.code));
  for (const level of ruleOrder(
    check,
    rules.filter((r) => planned.has(r.code)),
  )) {
    await Promise.all(
      level.map(async (rule) => {
        const { address, hash } = await deployRule(client, rule, typeIds, knownRules);
        knownRules.set(rule.code, address);
        report("rule", rule.code, hash);
      }),
    );
  }
  for (const rule of rules) if (!planned.has(rule.code) && knownRules.has(rule.code)) report("rule", rule.code);
}

async function deployRule(
  client: OneWindowClient,
  rule: DistrictRule,
  typeIds: Map<string, number>,
  known: Map<string, Address>,
): Promise<{ address: Address; hash: Hash }> {
  if (rule.kind === "holdsValidLicence") {
    return deployHoldsValidLicenceRule(client, { licenceTypeId: typeIds.get(rule.licenceType)! });
  }
  if (rule.kind === "notRestricted") return deployNotRestrictedRule(client, { listCode: rule.listCode });
  return deployCompositeRule(client, { rules: rule.rules.map((code) => known.get(code)!), mode: rule.mode });
}
