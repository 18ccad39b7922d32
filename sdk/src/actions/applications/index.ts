export {
  checkConditionsDeclaration,
  checkDeclaredMaterials,
  conditionsCommitment,
  type ConditionalMaterialInfo,
  type ConditionsDeclaration,
  type DeclaredMaterial,
} from "./internal/conditions.ts";
export { autoReview, type AutoReviewParameters, type AutoReviewReturnType } from "./autoReview.ts";
export { decide, type DecideParameters, type DecideReturnType } from "./decide.ts";
export {
  decideBySig,
  type DecideBySigParameters,
  type DecideBySigReturnType,
  type DecisionSignature,
} from "./decideBySig.ts";
export { NO_HOLDER, type DecisionInput, type HolderProof } from "./internal/decision.ts";
export { flagOverdue, type FlagOverdueParameters, type FlagOverdueReturnType } from "./flagOverdue.ts";
export {
  getApplication,
  type ApplicationInfo,
  type GetApplicationParameters,
  type GetApplicationReturnType,
} from "./getApplication.ts";
export {
  getApplicationSteps,
  type ApplicationStep,
  type GetApplicationStepsParameters,
  type GetApplicationStepsReturnType,
  type StepProgress,
} from "./getApplicationSteps.ts";
export { getStep, type GetStepParameters, type GetStepReturnType, type StepInfo } from "./getStep.ts";
export { resubmit, type ResubmitParameters, type ResubmitReturnType } from "./resubmit.ts";
export { DECISION_GAS_HEADROOM } from "./internal/gas.ts";
export type { ApplicationWriteReturnType } from "./internal/result.ts";
export {
  signDecision,
  type SignDecisionParameters,
  type SignDecisionReturnType,
  type SignedDecision,
} from "./signDecision.ts";
export {
  DEFAULT_SIGNATURE_VALIDITY,
  signLinkedStart,
  type SignedLinkedStart,
  type SignLinkedStartParameters,
  type SignLinkedStartReturnType,
} from "./signLinkedStart.ts";
export type { PresentedLicence, Submission, SubmissionParameters, UploadedMaterial } from "./internal/submission.ts";
export {
  submitApplication,
  type SubmitApplicationParameters,
  type SubmitApplicationReturnType,
} from "./submitApplication.ts";
export {
  submitLinkedApplication,
  type SubmitLinkedApplicationParameters,
  type SubmitLinkedApplicationReturnType,
} from "./submitLinkedApplication.ts";
export {
  APPROVAL_ENGINE_DOMAIN_NAME,
  APPROVAL_ENGINE_DOMAIN_VERSION,
  approvalEngineDomain,
  DECISION_TYPES,
  LINKED_START_TYPES,
  type DecisionData,
} from "./internal/typedData.ts";
export {
  waitForApplication,
  type WaitForApplicationParameters,
  type WaitForApplicationReturnType,
} from "./waitForApplication.ts";
export { withdraw, type WithdrawParameters, type WithdrawReturnType } from "./withdraw.ts";
export { getNextApplicationId, type GetNextApplicationIdParameters } from "./getNextApplicationId.ts";
