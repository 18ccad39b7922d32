import type { OneWindowClient } from "../../chain/client.ts";
import { holdsValidLicenceRuleAbi, holdsValidLicenceRuleBytecode } from "../../generated/abis.ts";
import { Check } from "../../utils/input.ts";
import { deployWith, type DeployedRule } from "./internal/deploy.ts";

export type DeployHoldsValidLicenceRuleParameters = {
  /** The licence type the applicant must hold, valid, as its holder (LicenceTypeRegistry id). */
  licenceTypeId: number;
};

export type DeployHoldsValidLicenceRuleReturnType = DeployedRule;

/**
 * Deploys a `HoldsValidLicenceRule` against this deployment's LicenceRegistry: a step naming it is
 * approved at once when the applicant presents a valid licence of the type (evidence:
 * {@link holdsValidLicenceEvidence}). E.g. a national high-tech enterprise certificate → the
 * Zhongguancun certification instantly.
 *
 * @example
 * const { address: holdsHnte } = await deployHoldsValidLicenceRule(editor, { licenceTypeId: nationalHnteType });
 */
export async function deployHoldsValidLicenceRule(
  client: OneWindowClient,
  parameters: DeployHoldsValidLicenceRuleParameters,
): Promise<DeployHoldsValidLicenceRuleReturnType> {
  const check = new Check("deployHoldsValidLicenceRule");
  const licenceTypeId = check.uint("licenceTypeId", parameters.licenceTypeId, 32, 1);
  return deployWith(client, "HoldsValidLicenceRule", (wallet, nonce) =>
    wallet.deployContract({
      nonce,
      abi: holdsValidLicenceRuleAbi,
      bytecode: holdsValidLicenceRuleBytecode,
      args: [client.addresses.LicenceRegistry, licenceTypeId],
    }),
  );
}
