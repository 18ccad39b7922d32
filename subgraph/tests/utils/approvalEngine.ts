import {
  ApplicationCompleted,
  ApplicationRejected,
  ApplicationResubmitted,
  ApplicationReturned,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  LinkedMatterOffered,
  StepActivated,
  StepApprovedByRule,
  StepDecided,
  StepOverdue,
  VoteCast,
} from "../../generated/ApprovalEngine/ApprovalEngine";
import { address, flag, bytes32, bytes32Array, id32, mockEvent, uint } from "./events";

export function createApplicationSubmittedEvent(
  applicationId: string,
  applicant: string,
  matterId: i32,
  version: i32,
  licenceIds: string[],
  uploads: string[],
  parent: string,
  timestamp: i64,
): ApplicationSubmitted {
  return changetype<ApplicationSubmitted>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      address("applicant", applicant),
      uint("matterId", matterId),
      uint("matterVersion", version),
      bytes32("conditionsCommitment", "0x" + "c0".repeat(32)),
      bytes32Array("licenceIds", licenceIds),
      bytes32Array("uploadHashes", uploads),
      bytes32("parentApplicationId", parent),
      address("startedBy", applicant),
    ]),
  );
}

export function createStepActivatedEvent(
  applicationId: string,
  step: i32,
  department: i32,
  deadline: i64,
  round: i32,
  timestamp: i64,
): StepActivated {
  return changetype<StepActivated>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      uint("step", step),
      uint("departmentId", department),
      uint("deadline", deadline),
      uint("round", round),
    ]),
  );
}

export function createVoteCastEvent(
  applicationId: string,
  step: i32,
  officer: string,
  outcome: i32,
  round: i32,
  timestamp: i64,
  signed: boolean = false,
  outputLicenceId: string = NO_ID,
): VoteCast {
  return changetype<VoteCast>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      uint("step", step),
      address("officer", officer),
      uint("outcome", outcome),
      uint("reason", 0),
      uint("round", round),
      flag("signed", signed),
      bytes32("outputLicenceId", outputLicenceId),
    ]),
  );
}

export function createStepDecidedEvent(
  applicationId: string,
  step: i32,
  department: i32,
  outcome: i32,
  round: i32,
  votes: i32,
  onTime: boolean,
  timestamp: i64,
): StepDecided {
  return changetype<StepDecided>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      uint("step", step),
      uint("departmentId", department),
      uint("outcome", outcome),
      uint("reason", outcome == 1 ? 0 : 17),
      uint("round", round),
      uint("votes", votes),
      flag("onTime", onTime),
    ]),
  );
}

export function createStepApprovedByRuleEvent(
  applicationId: string,
  step: i32,
  rule: string,
  onTime: boolean,
  timestamp: i64,
): StepApprovedByRule {
  return changetype<StepApprovedByRule>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      uint("step", step),
      address("rule", rule),
      flag("onTime", onTime),
    ]),
  );
}

export function createStepOverdueEvent(
  applicationId: string,
  step: i32,
  department: i32,
  deadline: i64,
  flaggedBy: string,
  timestamp: i64,
): StepOverdue {
  return changetype<StepOverdue>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      uint("step", step),
      uint("departmentId", department),
      uint("deadline", deadline),
      address("flaggedBy", flaggedBy),
    ]),
  );
}

export function createApplicationReturnedEvent(applicationId: string, step: i32, timestamp: i64): ApplicationReturned {
  return changetype<ApplicationReturned>(
    mockEvent(timestamp, [bytes32("applicationId", applicationId), uint("step", step), uint("reason", 17)]),
  );
}

export function createApplicationResubmittedEvent(
  applicationId: string,
  uploads: string[],
  workingDays: i32,
  timestamp: i64,
): ApplicationResubmitted {
  return changetype<ApplicationResubmitted>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      bytes32Array("uploadHashes", uploads),
      uint("workingDaysWithApplicant", workingDays),
    ]),
  );
}

export function createApplicationRejectedEvent(applicationId: string, step: i32, timestamp: i64): ApplicationRejected {
  return changetype<ApplicationRejected>(
    mockEvent(timestamp, [bytes32("applicationId", applicationId), uint("step", step), uint("reason", 3)]),
  );
}

export function createApplicationWithdrawnEvent(applicationId: string, timestamp: i64): ApplicationWithdrawn {
  return changetype<ApplicationWithdrawn>(mockEvent(timestamp, [bytes32("applicationId", applicationId)]));
}

export function createApplicationCompletedEvent(
  applicationId: string,
  outputLicence: string,
  outputType: i32,
  timestamp: i64,
): ApplicationCompleted {
  return changetype<ApplicationCompleted>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      bytes32("outputLicenceId", outputLicence),
      uint("outputLicenceTypeId", outputType),
    ]),
  );
}

export function createLinkedMatterOfferedEvent(
  applicationId: string,
  linkedMatter: i32,
  holder: string,
  timestamp: i64,
): LinkedMatterOffered {
  return changetype<LinkedMatterOffered>(
    mockEvent(timestamp, [
      bytes32("applicationId", applicationId),
      uint("linkedMatterId", linkedMatter),
      address("holder", holder),
      uint("mode", 1),
    ]),
  );
}

export const NO_ID = id32(0);
