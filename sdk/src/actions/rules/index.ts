export {
  deployCompositeRule,
  type DeployCompositeRuleParameters,
  type DeployCompositeRuleReturnType,
} from "./deployCompositeRule.ts";
export {
  deployHoldsValidLicenceRule,
  type DeployHoldsValidLicenceRuleParameters,
  type DeployHoldsValidLicenceRuleReturnType,
} from "./deployHoldsValidLicenceRule.ts";
export {
  deployNotRestrictedRule,
  type DeployNotRestrictedRuleParameters,
  type DeployNotRestrictedRuleReturnType,
} from "./deployNotRestrictedRule.ts";
export type { DeployedRule } from "./internal/deploy.ts";
export { compositeEvidence, holdsValidLicenceEvidence, NO_EVIDENCE } from "./internal/evidence.ts";
