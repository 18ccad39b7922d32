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
export type { DeployedRule } from "./deploy.ts";
export { compositeEvidence, holdsValidLicenceEvidence, NO_EVIDENCE } from "./evidence.ts";
