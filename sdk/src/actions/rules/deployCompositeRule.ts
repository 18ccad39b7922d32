import type { Address } from "viem";

import type { OneWindowClient } from "../../chain/client.ts";
import { compositeRuleAbi, compositeRuleBytecode } from "../../generated/abis.ts";
import { Check } from "../../utils/input.ts";
import { deployWith, type DeployedRule } from "./internal/deploy.ts";

export type DeployCompositeRuleParameters = {
  /** The rules combined, in the order their evidence is given (see {@link compositeEvidence}). */
  rules: readonly Address[];
  /** `allOf`: every rule must hold; `anyOf`: at least one. */
  mode: "allOf" | "anyOf";
};

export type DeployCompositeRuleReturnType = DeployedRule;

/**
 * Deploys a `CompositeRule` over other rules (all-of or any-of). E.g. the Zhongguancun
 * certification: holds a valid national high-tech enterprise certificate AND is not on the court's
 * dishonest-executor list.
 *
 * @example
 * const { address: zgcRule } = await deployCompositeRule(editor, { rules: [holdsHnte, notDishonest], mode: "allOf" });
 */
export async function deployCompositeRule(
  client: OneWindowClient,
  parameters: DeployCompositeRuleParameters,
): Promise<DeployCompositeRuleReturnType> {
  const check = new Check("deployCompositeRule");
  const rules = check.addresses("rules", parameters.rules, { min: 1, max: 16 });
  if (parameters.mode !== "allOf" && parameters.mode !== "anyOf") {
    check.fail("mode", `expected "allOf" or "anyOf"`, `应为 "allOf"（全部满足）或 "anyOf"（任一满足）`);
  }
  return deployWith(client, "CompositeRule", (wallet, nonce) =>
    wallet.deployContract({
      nonce,
      abi: compositeRuleAbi,
      bytecode: compositeRuleBytecode,
      args: [rules, parameters.mode === "allOf"],
    }),
  );
}
