// ApprovalEngine events → Application, ApplicationEvent, Step, StepActivation, Vote, Decision,
// OverdueFlag, LinkedApplication and the matter / department / daily KPIs (rules in schema.graphql).
import { BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";

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
} from "../generated/ApprovalEngine/ApprovalEngine";
import {
  Application,
  ApplicationEvent,
  Decision,
  Department,
  LinkedApplication,
  MatterVersion,
  OverdueFlag,
  Step,
  StepActivation,
  Vote,
} from "../generated/schema";
import {
  countOf,
  countValue,
  dailyKpi,
  departmentKpi,
  eventId,
  isZero,
  lowerMedian,
  matterKpi,
  meanHundredths,
  stepId,
  uintId,
  workingDaysBetween,
} from "./common";
import {
  APPLICATION_STATUS_ACTIVE,
  APPLICATION_STATUS_COMPLETED,
  APPLICATION_STATUS_REJECTED,
  APPLICATION_STATUS_RETURNED,
  APPLICATION_STATUS_WITHDRAWN,
  OUTCOME_APPROVE,
  OUTCOME_REJECT,
  OUTCOME_RETURN,
  STEP_STATUS_ACTIVE,
  STEP_STATUS_APPROVED,
  STEP_STATUS_PENDING,
  STEP_STATUS_REJECTED,
  STEP_STATUS_RETURNED,
} from "./constants";

function newStep(applicationId: Bytes, index: i32, department: string, timestamp: BigInt): Step {
  const step = new Step(stepId(applicationId, index));
  step.application = applicationId;
  step.index = index;
  step.department = department;
  step.status = STEP_STATUS_PENDING;
  step.round = 0;
  step.activations = 0;
  step.overdue = false;
  step.overdueFlags = 0;
  step.outcome = 0;
  step.reason = 0;
  step.workingDaysWithApplicant = 0;
  step.pendingVoters = [];
  step.votesRound = 0;
  step.votesEpoch = 0;
  step.votesTransaction = null;
  step.updatedAt = timestamp;
  return step;
}

function applicationEvent(
  event: ethereum.Event,
  kind: string,
  application: Bytes,
  step: i32,
  reason: i32,
  days: i32,
): void {
  const entry = new ApplicationEvent(eventId(event));
  entry.kind = kind;
  entry.application = application;
  if (step >= 0) entry.step = step;
  entry.reason = reason;
  entry.workingDaysWithApplicant = days;
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.logIndex = event.logIndex.toI32();
  entry.save();
}

function loadApplication(id: Bytes, what: string): Application | null {
  const application = Application.load(id);
  if (application == null) log.warning("{} for unknown application {}", [what, id.toHexString()]);
  return application;
}

export function handleApplicationSubmitted(event: ApplicationSubmitted): void {
  const id = event.params.applicationId;
  const matterId = uintId(event.params.matterId);
  const versionId = matterId + "-" + event.params.matterVersion.toString();
  const version = MatterVersion.load(versionId);
  const licenceIds = event.params.licenceIds;
  const uploads = event.params.uploadHashes;

  const application = new Application(id);
  application.applicant = event.params.applicant;
  application.matter = matterId;
  application.matterVersion = event.params.matterVersion;
  application.version = versionId;
  application.conditionsCommitment = event.params.conditionsCommitment;
  application.licenceIds = licenceIds;
  application.uploadHashes = uploads;
  application.materialsFromChain = licenceIds.length;
  application.materialsUploaded = uploads.length;
  application.parentApplication = isZero(event.params.parentApplicationId) ? null : event.params.parentApplicationId;
  application.startedBy = event.params.startedBy;
  application.status = APPLICATION_STATUS_ACTIVE;
  application.stepCount = version == null ? 0 : version.stepCount;
  application.approvedSteps = 0;
  application.returns = 0;
  application.workingDaysWithApplicant = 0;
  application.submittedAt = event.block.timestamp;
  application.submittedBlock = event.block.number;
  application.submittedTx = event.transaction.hash;
  application.updatedAt = event.block.timestamp;
  application.save();

  if (version == null) {
    log.warning("ApplicationSubmitted for unknown matter version {}", [versionId]);
  } else {
    const departments = version.stepDepartments;
    for (let i = 0; i < departments.length; i++) newStep(id, i, departments[i], event.block.timestamp).save();
  }
  applicationEvent(event, "Submitted", id, -1, 0, 0);

  const kpi = matterKpi(matterId);
  kpi.applications = kpi.applications + 1;
  kpi.materialsFromChain = kpi.materialsFromChain + licenceIds.length;
  kpi.materialsUploaded = kpi.materialsUploaded + uploads.length;
  if (version != null) kpi.baselineMaterials = kpi.baselineMaterials + version.baselineMaterials;
  kpi.save();
  const daily = dailyKpi(event);
  daily.applications = daily.applications + 1;
  daily.materialsFromChain = daily.materialsFromChain + licenceIds.length;
  daily.materialsUploaded = daily.materialsUploaded + uploads.length;
  daily.save();

  if (application.parentApplication !== null) {
    const linked = LinkedApplication.load(event.params.parentApplicationId.toHexString() + "-" + matterId);
    if (linked != null) {
      linked.application = id;
      linked.startedAt = event.block.timestamp;
      linked.save();
    }
  }
}

export function handleStepActivated(event: StepActivated): void {
  const applicationId = event.params.applicationId;
  const index = event.params.step;
  const department = uintId(event.params.departmentId);
  let step = Step.load(stepId(applicationId, index));
  if (step == null) step = newStep(applicationId, index, department, event.block.timestamp);
  if (step.status == STEP_STATUS_PENDING) {
    const kpi = departmentKpi(department);
    kpi.steps = kpi.steps + 1;
    kpi.save();
  }
  step.department = department;
  step.status = STEP_STATUS_ACTIVE;
  step.round = event.params.round;
  step.activations = step.activations + 1;
  if (step.firstActivatedAt === null) step.firstActivatedAt = event.block.timestamp;
  step.activatedAt = event.block.timestamp;
  step.deadline = event.params.deadline;
  step.overdue = false;
  step.updatedAt = event.block.timestamp;
  step.save();

  const activation = new StepActivation(eventId(event));
  activation.application = applicationId;
  activation.step = step.id;
  activation.stepIndex = index;
  activation.department = department;
  activation.deadline = event.params.deadline;
  activation.round = event.params.round;
  activation.blockNumber = event.block.number;
  activation.timestamp = event.block.timestamp;
  activation.transactionHash = event.transaction.hash;
  activation.logIndex = event.logIndex.toI32();
  activation.save();
}

export function handleVoteCast(event: VoteCast): void {
  const applicationId = event.params.applicationId;
  const index = event.params.step;
  const step = Step.load(stepId(applicationId, index));
  if (step == null) {
    log.warning("VoteCast for unknown step {}", [stepId(applicationId, index)]);
  } else {
    const department = Department.load(step.department);
    const epoch = department == null ? 0 : department.officersEpoch;
    const previous = step.votesTransaction;
    // A batch of signatures alone makes its decision: earlier direct votes do not count.
    const otherTransaction = previous === null || !previous.equals(event.transaction.hash);
    let voters = step.pendingVoters;
    if (
      step.votesRound != event.params.round ||
      step.votesEpoch != epoch ||
      (event.params.signed && otherTransaction)
    ) {
      voters = [];
    }
    voters.push(event.params.officer);
    step.pendingVoters = voters;
    step.votesRound = event.params.round;
    step.votesEpoch = epoch;
    step.votesTransaction = event.transaction.hash;
    step.updatedAt = event.block.timestamp;
    step.save();
  }
  const vote = new Vote(eventId(event));
  vote.application = applicationId;
  vote.step = stepId(applicationId, index);
  vote.stepIndex = index;
  vote.officer = event.params.officer;
  vote.outcome = event.params.outcome;
  vote.reason = event.params.reason;
  vote.round = event.params.round;
  vote.signed = event.params.signed;
  vote.outputLicence = isZero(event.params.outputLicenceId) ? null : event.params.outputLicenceId;
  vote.blockNumber = event.block.number;
  vote.timestamp = event.block.timestamp;
  vote.transactionHash = event.transaction.hash;
  vote.logIndex = event.logIndex.toI32();
  vote.save();
}

/** The deadline KPIs of one decided step. */
function countDeadline(
  event: ethereum.Event,
  application: Application | null,
  department: string,
  onTime: boolean,
): void {
  if (application != null) {
    const kpi = matterKpi(application.matter);
    if (onTime) kpi.deadlinesMet = kpi.deadlinesMet + 1;
    else kpi.deadlinesMissed = kpi.deadlinesMissed + 1;
    kpi.save();
  }
  const departmentStats = departmentKpi(department);
  if (onTime) departmentStats.deadlinesMet = departmentStats.deadlinesMet + 1;
  else departmentStats.deadlinesMissed = departmentStats.deadlinesMissed + 1;
  departmentStats.save();
  const daily = dailyKpi(event);
  if (onTime) daily.deadlinesMet = daily.deadlinesMet + 1;
  else daily.deadlinesMissed = daily.deadlinesMissed + 1;
  daily.save();
}

/** An approved step: its working days, the application's count and the department's KPI. */
function approveStep(event: ethereum.Event, step: Step, application: Application | null): void {
  step.status = STEP_STATUS_APPROVED;
  let days: i32 = 0;
  const first = step.firstActivatedAt;
  if (first !== null) days = workingDaysBetween(first, event.block.timestamp) - step.workingDaysWithApplicant;
  if (days < 0) days = 0;
  step.workingDays = days;
  if (application != null) {
    application.approvedSteps = application.approvedSteps + 1;
    application.updatedAt = event.block.timestamp;
    application.save();
  }
  const kpi = departmentKpi(step.department);
  kpi.stepsApproved = kpi.stepsApproved + 1;
  kpi.workingDaysCounts = countValue(kpi.workingDaysCounts, days);
  kpi.totalWorkingDays = kpi.totalWorkingDays + days;
  kpi.medianWorkingDays = lowerMedian(kpi.workingDaysCounts);
  kpi.meanWorkingDaysHundredths = meanHundredths(kpi.totalWorkingDays, countOf(kpi.workingDaysCounts));
  kpi.save();
}

export function handleStepDecided(event: StepDecided): void {
  const applicationId = event.params.applicationId;
  const index = event.params.step;
  const department = uintId(event.params.departmentId);
  const outcome = event.params.outcome;
  const application = Application.load(applicationId);
  let step = Step.load(stepId(applicationId, index));
  if (step == null) step = newStep(applicationId, index, department, event.block.timestamp);

  const decision = new Decision(eventId(event));
  decision.application = applicationId;
  decision.step = step.id;
  decision.stepIndex = index;
  decision.department = department;
  decision.outcome = outcome;
  decision.reason = event.params.reason;
  decision.round = event.params.round;
  decision.votes = event.params.votes;
  decision.onTime = event.params.onTime;
  decision.signers = step.pendingVoters;
  decision.blockNumber = event.block.number;
  decision.timestamp = event.block.timestamp;
  decision.transactionHash = event.transaction.hash;
  decision.logIndex = event.logIndex.toI32();
  decision.save();

  step.pendingVoters = [];
  step.outcome = outcome;
  step.reason = event.params.reason;
  step.decidedAt = event.block.timestamp;
  step.onTime = event.params.onTime;
  step.rule = null;
  if (outcome == OUTCOME_APPROVE) approveStep(event, step, application);
  else if (outcome == OUTCOME_REJECT || outcome == OUTCOME_RETURN) {
    step.status = outcome == OUTCOME_REJECT ? STEP_STATUS_REJECTED : STEP_STATUS_RETURNED;
    const kpi = departmentKpi(step.department);
    if (outcome == OUTCOME_REJECT) kpi.stepsRejected = kpi.stepsRejected + 1;
    else kpi.stepsReturned = kpi.stepsReturned + 1;
    kpi.save();
  } else log.warning("StepDecided with outcome {} for step {}", [outcome.toString(), step.id]);
  step.updatedAt = event.block.timestamp;
  step.save();
  countDeadline(event, application, step.department, event.params.onTime);
}

export function handleStepApprovedByRule(event: StepApprovedByRule): void {
  const applicationId = event.params.applicationId;
  const index = event.params.step;
  const application = Application.load(applicationId);
  const step = Step.load(stepId(applicationId, index));
  if (step == null) {
    log.warning("StepApprovedByRule for unknown step {}", [stepId(applicationId, index)]);
    return;
  }
  const decision = new Decision(eventId(event));
  decision.application = applicationId;
  decision.step = step.id;
  decision.stepIndex = index;
  decision.department = step.department;
  decision.outcome = OUTCOME_APPROVE;
  decision.reason = 0;
  decision.round = step.round;
  decision.votes = BigInt.zero();
  decision.onTime = event.params.onTime;
  decision.rule = event.params.rule;
  decision.signers = [];
  decision.blockNumber = event.block.number;
  decision.timestamp = event.block.timestamp;
  decision.transactionHash = event.transaction.hash;
  decision.logIndex = event.logIndex.toI32();
  decision.save();

  step.pendingVoters = [];
  step.outcome = OUTCOME_APPROVE;
  step.reason = 0;
  step.decidedAt = event.block.timestamp;
  step.onTime = event.params.onTime;
  step.rule = event.params.rule;
  approveStep(event, step, application);
  step.updatedAt = event.block.timestamp;
  step.save();
  countDeadline(event, application, step.department, event.params.onTime);
}

export function handleStepOverdue(event: StepOverdue): void {
  const applicationId = event.params.applicationId;
  const index = event.params.step;
  const department = uintId(event.params.departmentId);
  const id = stepId(applicationId, index);
  const step = Step.load(id);
  if (step != null) {
    step.overdue = true;
    step.overdueFlags = step.overdueFlags + 1;
    step.updatedAt = event.block.timestamp;
    step.save();
  }
  const flag = new OverdueFlag(eventId(event));
  flag.application = applicationId;
  flag.step = id;
  flag.stepIndex = index;
  flag.department = department;
  flag.deadline = event.params.deadline;
  flag.flaggedBy = event.params.flaggedBy;
  flag.blockNumber = event.block.number;
  flag.timestamp = event.block.timestamp;
  flag.transactionHash = event.transaction.hash;
  flag.logIndex = event.logIndex.toI32();
  flag.save();

  const application = Application.load(applicationId);
  if (application != null) {
    const kpi = matterKpi(application.matter);
    kpi.overdueFlags = kpi.overdueFlags + 1;
    kpi.save();
  }
  const departmentStats = departmentKpi(department);
  departmentStats.overdueFlags = departmentStats.overdueFlags + 1;
  departmentStats.save();
  const daily = dailyKpi(event);
  daily.overdueFlags = daily.overdueFlags + 1;
  daily.save();
}

export function handleApplicationReturned(event: ApplicationReturned): void {
  const application = loadApplication(event.params.applicationId, "ApplicationReturned");
  if (application != null) {
    application.status = APPLICATION_STATUS_RETURNED;
    application.returns = application.returns + 1;
    application.updatedAt = event.block.timestamp;
    application.save();
  }
  applicationEvent(event, "Returned", event.params.applicationId, event.params.step, event.params.reason, 0);
}

export function handleApplicationResubmitted(event: ApplicationResubmitted): void {
  const id = event.params.applicationId;
  const uploads = event.params.uploadHashes;
  const days = event.params.workingDaysWithApplicant;
  const application = loadApplication(id, "ApplicationResubmitted");
  if (application != null) {
    const hashes = application.uploadHashes;
    for (let i = 0; i < uploads.length; i++) hashes.push(uploads[i]);
    application.uploadHashes = hashes;
    application.materialsUploaded = application.materialsUploaded + uploads.length;
    application.workingDaysWithApplicant = application.workingDaysWithApplicant + days;
    application.status = APPLICATION_STATUS_ACTIVE;
    application.updatedAt = event.block.timestamp;
    application.save();
    for (let i = 0; i < application.stepCount; i++) {
      const step = Step.load(stepId(id, i));
      if (step != null && (step.status == STEP_STATUS_ACTIVE || step.status == STEP_STATUS_RETURNED)) {
        step.workingDaysWithApplicant = step.workingDaysWithApplicant + days;
        step.updatedAt = event.block.timestamp;
        step.save();
      }
    }
    const kpi = matterKpi(application.matter);
    kpi.materialsUploaded = kpi.materialsUploaded + uploads.length;
    kpi.save();
  }
  const daily = dailyKpi(event);
  daily.materialsUploaded = daily.materialsUploaded + uploads.length;
  daily.save();
  applicationEvent(event, "Resubmitted", id, -1, 0, days);
}

export function handleApplicationRejected(event: ApplicationRejected): void {
  const application = loadApplication(event.params.applicationId, "ApplicationRejected");
  if (application != null) {
    application.status = APPLICATION_STATUS_REJECTED;
    application.endedAt = event.block.timestamp;
    application.updatedAt = event.block.timestamp;
    application.save();
    const kpi = matterKpi(application.matter);
    kpi.rejected = kpi.rejected + 1;
    kpi.save();
  }
  const daily = dailyKpi(event);
  daily.rejected = daily.rejected + 1;
  daily.save();
  applicationEvent(event, "Rejected", event.params.applicationId, event.params.step, event.params.reason, 0);
}

export function handleApplicationWithdrawn(event: ApplicationWithdrawn): void {
  const application = loadApplication(event.params.applicationId, "ApplicationWithdrawn");
  if (application != null) {
    application.status = APPLICATION_STATUS_WITHDRAWN;
    application.endedAt = event.block.timestamp;
    application.updatedAt = event.block.timestamp;
    application.save();
    const kpi = matterKpi(application.matter);
    kpi.withdrawn = kpi.withdrawn + 1;
    kpi.save();
  }
  const daily = dailyKpi(event);
  daily.withdrawn = daily.withdrawn + 1;
  daily.save();
  applicationEvent(event, "Withdrawn", event.params.applicationId, -1, 0, 0);
}

export function handleApplicationCompleted(event: ApplicationCompleted): void {
  const application = loadApplication(event.params.applicationId, "ApplicationCompleted");
  if (application != null) {
    let days =
      workingDaysBetween(application.submittedAt, event.block.timestamp) - application.workingDaysWithApplicant;
    if (days < 0) days = 0;
    application.status = APPLICATION_STATUS_COMPLETED;
    application.endedAt = event.block.timestamp;
    application.completedAt = event.block.timestamp;
    application.workingDays = days;
    application.outputLicence = isZero(event.params.outputLicenceId) ? null : event.params.outputLicenceId;
    application.outputLicenceType = event.params.outputLicenceTypeId.isZero()
      ? null
      : uintId(event.params.outputLicenceTypeId);
    application.updatedAt = event.block.timestamp;
    application.save();

    const kpi = matterKpi(application.matter);
    kpi.completed = kpi.completed + 1;
    kpi.workingDaysCounts = countValue(kpi.workingDaysCounts, days);
    kpi.totalWorkingDays = kpi.totalWorkingDays + days;
    kpi.medianWorkingDays = lowerMedian(kpi.workingDaysCounts);
    kpi.meanWorkingDaysHundredths = meanHundredths(kpi.totalWorkingDays, countOf(kpi.workingDaysCounts));
    const version = MatterVersion.load(application.version);
    if (version != null) {
      kpi.baselineWorkingDays = kpi.baselineWorkingDays + version.baselineWorkingDays;
      kpi.baselineVisits = kpi.baselineVisits + version.baselineVisits;
      kpi.visits = kpi.visits + version.visits;
    }
    kpi.save();
    const daily = dailyKpi(event);
    daily.completed = daily.completed + 1;
    daily.workingDaysCounts = countValue(daily.workingDaysCounts, days);
    daily.totalWorkingDays = daily.totalWorkingDays + days;
    daily.medianWorkingDays = lowerMedian(daily.workingDaysCounts);
    daily.meanWorkingDaysHundredths = meanHundredths(daily.totalWorkingDays, countOf(daily.workingDaysCounts));
    daily.save();
  }
  applicationEvent(event, "Completed", event.params.applicationId, -1, 0, 0);
}

export function handleLinkedMatterOffered(event: LinkedMatterOffered): void {
  const matterId = uintId(event.params.linkedMatterId);
  const id = event.params.applicationId.toHexString() + "-" + matterId;
  let linked = LinkedApplication.load(id);
  if (linked == null) linked = new LinkedApplication(id);
  linked.parentApplication = event.params.applicationId;
  linked.matter = matterId;
  linked.holder = event.params.holder;
  linked.mode = event.params.mode;
  linked.offeredAt = event.block.timestamp;
  linked.save();
}
