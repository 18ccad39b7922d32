import type { OneWindowClient } from "../../chain/client.ts";
import { notRestrictedRuleAbi, notRestrictedRuleBytecode } from "../../generated/abis.ts";
import { Check } from "../../utils/input.ts";
import { deployWith, type DeployedRule } from "./internal/deploy.ts";

export type DeployNotRestrictedRuleParameters = {
  /** The restriction list's code, e.g. `"COURT_DISHONEST_EXECUTOR"` (失信被执行人名单). */
  listCode: string;
};

export type DeployNotRestrictedRuleReturnType = DeployedRule;

/**
 * Deploys a `NotRestrictedRule` against this deployment's RestrictionList: holds when the
 * applicant's account is not listed on `listCode`. It takes no evidence and reads no personal data.
 *
 * @example
 * const { address: notDishonest } = await deployNotRestrictedRule(editor, { listCode: "COURT_DISHONEST_EXECUTOR" });
 */
export async function deployNotRestrictedRule(
  client: OneWindowClient,
  parameters: DeployNotRestrictedRuleParameters,
): Promise<DeployNotRestrictedRuleReturnType> {
  const check = new Check("deployNotRestrictedRule");
  const listCode = check.text("listCode", parameters.listCode, { maxBytes: 64, ascii: true });
  return deployWith(client, "NotRestrictedRule", (wallet, nonce) =>
    wallet.deployContract({
      nonce,
      abi: notRestrictedRuleAbi,
      bytecode: notRestrictedRuleBytecode,
      args: [client.addresses.RestrictionList, listCode],
    }),
  );
}
