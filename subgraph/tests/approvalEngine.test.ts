import { Bytes } from "@graphprotocol/graph-ts";
import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index";

import {
  handleApplicationCompleted,
  handleApplicationRejected,
  handleApplicationResubmitted,
  handleApplicationReturned,
  handleApplicationSubmitted,
  handleApplicationWithdrawn,
  handleLinkedMatterOffered,
  handleStepActivated,
  handleStepApprovedByRule,
  handleStepDecided,
  handleStepOverdue,
  handleVoteCast,
} from "../src/approvalEngine";
import { handleDepartmentRegistered, handleOfficersChanged } from "../src/departmentRegistry";
import { handleMatterRegistered, handleMatterVersionPublished } from "../src/serviceCatalog";
import { handleTimeZoneSet, handleYearSet } from "../src/workingCalendar";
import {
  createApplicationCompletedEvent,
  createApplicationRejectedEvent,
  createApplicationResubmittedEvent,
  createApplicationReturnedEvent,
  createApplicationSubmittedEvent,
  createApplicationWithdrawnEvent,
  createLinkedMatterOfferedEvent,
  createStepActivatedEvent,
  createStepApprovedByRuleEvent,
  createStepDecidedEvent,
  createStepOverdueEvent,
  createVoteCastEvent,
  NO_ID,
} from "./utils/approvalEngine";
import { createDepartmentRegisteredEvent, createOfficersChangedEvent } from "./utils/departmentRegistry";
import { addr, id32, utc } from "./utils/events";
import { createMatterRegisteredEvent, createMatterVersionPublishedEvent, StepSpec } from "./utils/serviceCatalog";
import { createTimeZoneSetEvent, createYearSetEvent } from "./utils/workingCalendar";

const APP = id32(0xa0);
const APPLICANT = addr(0x51);
const OFFICER1 = addr(0x01);
const OFFICER2 = addr(0x02);
// Monday 2 March 2026, 10:00 in Beijing.
const MONDAY = utc(2026, 3, 2, 2);
const DAY: i64 = 86400;

function setUp(): void {
  clearStore();
  handleTimeZoneSet(createTimeZoneSetEvent(28800, MONDAY - 10 * DAY));
  handleDepartmentRegistered(createDepartmentRegisteredEvent(1, "D1", [OFFICER1, OFFICER2], 2, MONDAY - 10 * DAY));
  handleDepartmentRegistered(createDepartmentRegisteredEvent(2, "D2", [OFFICER1], 1, MONDAY - 10 * DAY));
  handleMatterRegistered(createMatterRegisteredEvent(12, "HD-VR-HALL", MONDAY - 9 * DAY));
  const steps: StepSpec[] = [new StepSpec(1, 0, 5), new StepSpec(2, 0, 3)];
  handleMatterVersionPublished(createMatterVersionPublishedEvent(12, 1, steps, 13, MONDAY - 9 * DAY));
  handleApplicationSubmitted(
    createApplicationSubmittedEvent(APP, APPLICANT, 12, 1, [id32(1), id32(2)], [id32(0xf1)], NO_ID, MONDAY),
  );
}

describe("ApprovalEngine", () => {
  beforeEach(() => {
    setUp();
  });

  test("a submission creates the application, its pending steps and the KPIs", () => {
    assert.fieldEquals("Application", APP, "status", "1");
    assert.fieldEquals("Application", APP, "stepCount", "2");
    assert.fieldEquals("Application", APP, "materialsFromChain", "2");
    assert.fieldEquals("Application", APP, "materialsUploaded", "1");
    assert.fieldEquals("Application", APP, "version", "12-1");
    assert.fieldEquals("Step", APP + "-0", "status", "0");
    assert.fieldEquals("Step", APP + "-1", "department", "2");
    assert.fieldEquals("MatterKpi", "12", "applications", "1");
    assert.fieldEquals("MatterKpi", "12", "baselineMaterials", "10");
    assert.fieldEquals("DailyKpi", "2026-03-02", "materialsFromChain", "2");
    assert.entityCount("ApplicationEvent", 1);
  });

  test("a step counts once for its department however often it is activated", () => {
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + 7 * DAY, 0, MONDAY));
    handleStepDecided(createStepDecidedEvent(APP, 0, 1, 3, 0, 1, true, MONDAY + DAY));
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + 9 * DAY, 1, MONDAY + 2 * DAY));
    assert.fieldEquals("Step", APP + "-0", "status", "1");
    assert.fieldEquals("Step", APP + "-0", "activations", "2");
    assert.fieldEquals("Step", APP + "-0", "round", "1");
    assert.fieldEquals("Step", APP + "-0", "firstActivatedAt", MONDAY.toString());
    assert.fieldEquals("DepartmentKpi", "1", "steps", "1");
    assert.fieldEquals("DepartmentKpi", "1", "stepsReturned", "1");
    assert.entityCount("StepActivation", 2);
  });

  test("a decision is signed by the votes of its round and officer epoch, in order", () => {
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + 7 * DAY, 0, MONDAY));
    handleVoteCast(createVoteCastEvent(APP, 0, OFFICER2, 1, 0, MONDAY + 3600));
    // The officers change: the earlier vote no longer counts.
    handleOfficersChanged(createOfficersChangedEvent(1, [OFFICER1, OFFICER2], 2, addr(9), MONDAY + 7200));
    handleVoteCast(createVoteCastEvent(APP, 0, OFFICER1, 1, 0, MONDAY + 10800));
    handleVoteCast(createVoteCastEvent(APP, 0, OFFICER2, 1, 0, MONDAY + 14400));
    const decided = createStepDecidedEvent(APP, 0, 1, 1, 0, 2, true, MONDAY + 14400);
    handleStepDecided(decided);
    const decisionId = decided.transaction.hash.concatI32(decided.logIndex.toI32()).toHexString();
    assert.fieldEquals("Decision", decisionId, "signers", "[" + OFFICER1 + ", " + OFFICER2 + "]");
    assert.fieldEquals("Decision", decisionId, "votes", "2");
    assert.fieldEquals("Step", APP + "-0", "pendingVoters", "[]");
    assert.fieldEquals("Step", APP + "-0", "status", "2");
    assert.fieldEquals("Step", APP + "-0", "workingDays", "0");
    assert.fieldEquals("Application", APP, "approvedSteps", "1");
    assert.fieldEquals("DepartmentKpi", "1", "deadlinesMet", "1");
    assert.fieldEquals("MatterKpi", "12", "deadlinesMet", "1");
    assert.entityCount("Vote", 3);
  });

  test("a batch of signatures alone makes its decision: earlier direct votes do not count", () => {
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + 7 * DAY, 0, MONDAY));
    handleVoteCast(createVoteCastEvent(APP, 0, OFFICER1, 1, 0, MONDAY + 3600));
    const batch = Bytes.fromHexString(id32(0xbeef));
    const first = createVoteCastEvent(APP, 0, OFFICER2, 1, 0, MONDAY + 7200, true);
    const second = createVoteCastEvent(APP, 0, OFFICER1, 1, 0, MONDAY + 7200, true);
    const decided = createStepDecidedEvent(APP, 0, 1, 1, 0, 3, true, MONDAY + 7200);
    first.transaction.hash = batch;
    second.transaction.hash = batch;
    decided.transaction.hash = batch;
    handleVoteCast(first);
    handleVoteCast(second);
    assert.fieldEquals("Step", APP + "-0", "pendingVoters", "[" + OFFICER2 + ", " + OFFICER1 + "]");
    assert.fieldEquals("Step", APP + "-0", "votesTransaction", id32(0xbeef));
    handleStepDecided(decided);
    const decisionId = decided.transaction.hash.concatI32(decided.logIndex.toI32()).toHexString();
    assert.fieldEquals("Decision", decisionId, "signers", "[" + OFFICER2 + ", " + OFFICER1 + "]");
    assert.fieldEquals("Decision", decisionId, "votes", "3");
  });

  test("a vote keeps the output licence it names (none: null)", () => {
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + 7 * DAY, 0, MONDAY));
    const named = createVoteCastEvent(APP, 0, OFFICER1, 1, 0, MONDAY + 3600, false, id32(0x0f));
    const plain = createVoteCastEvent(APP, 0, OFFICER2, 1, 0, MONDAY + 7200);
    handleVoteCast(named);
    handleVoteCast(plain);
    const namedId = named.transaction.hash.concatI32(named.logIndex.toI32());
    const plainId = plain.transaction.hash.concatI32(plain.logIndex.toI32());
    assert.fieldEquals("Vote", namedId.toHexString(), "outputLicence", id32(0x0f));
    assert.fieldEquals("Vote", plainId.toHexString(), "outputLicence", "null");
  });

  test("completion counts working days by the calendar: holidays out, make-up days in", () => {
    // Wednesday 4 March a holiday, Saturday 7 March a make-up working day.
    handleYearSet(createYearSetEvent(2026, [20260304], [20260307], MONDAY));
    handleApplicationCompleted(createApplicationCompletedEvent(APP, id32(0xc0), 9, MONDAY + 7 * DAY));
    // Tue 3, (Wed 4 holiday), Thu 5, Fri 6, Sat 7 (make-up), (Sun 8), Mon 9 = 5.
    assert.fieldEquals("Application", APP, "workingDays", "5");
    assert.fieldEquals("Application", APP, "status", "3");
    assert.fieldEquals("Application", APP, "outputLicence", id32(0xc0));
    assert.fieldEquals("Application", APP, "outputLicenceType", "9");
    assert.fieldEquals("MatterKpi", "12", "completed", "1");
    assert.fieldEquals("MatterKpi", "12", "workingDaysCounts", "[0, 0, 0, 0, 0, 1]");
    assert.fieldEquals("MatterKpi", "12", "meanWorkingDaysHundredths", "500");
    assert.fieldEquals("MatterKpi", "12", "baselineWorkingDays", "30");
    assert.fieldEquals("MatterKpi", "12", "visits", "1");
    assert.fieldEquals("DailyKpi", "2026-03-09", "completed", "1");
  });

  test("median is the lower one and the mean floors to hundredths", () => {
    handleApplicationCompleted(createApplicationCompletedEvent(APP, NO_ID, 0, MONDAY + 7 * DAY));
    const second = id32(0xa1);
    handleApplicationSubmitted(createApplicationSubmittedEvent(second, APPLICANT, 12, 1, [], [], NO_ID, MONDAY));
    handleApplicationCompleted(createApplicationCompletedEvent(second, NO_ID, 0, MONDAY + 2 * DAY));
    // 5 (Tue..Mon, no calendar year) and 2 (Tue, Wed).
    assert.fieldEquals("MatterKpi", "12", "workingDaysCounts", "[0, 0, 1, 0, 0, 1]");
    assert.fieldEquals("MatterKpi", "12", "medianWorkingDays", "2");
    assert.fieldEquals("MatterKpi", "12", "meanWorkingDaysHundredths", "350");
    assert.fieldEquals("Application", APP, "outputLicence", "null");
  });

  test("time with the applicant is taken off the application and its open steps", () => {
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + 7 * DAY, 0, MONDAY));
    handleApplicationReturned(createApplicationReturnedEvent(APP, 0, MONDAY + DAY));
    assert.fieldEquals("Application", APP, "status", "2");
    handleApplicationResubmitted(createApplicationResubmittedEvent(APP, [id32(0xf2), id32(0xf3)], 2, MONDAY + 3 * DAY));
    assert.fieldEquals("Application", APP, "status", "1");
    assert.fieldEquals("Application", APP, "returns", "1");
    assert.fieldEquals("Application", APP, "materialsUploaded", "3");
    assert.fieldEquals("Application", APP, "workingDaysWithApplicant", "2");
    assert.fieldEquals("Step", APP + "-0", "workingDaysWithApplicant", "2");
    // Step 1 was never activated: not counted.
    assert.fieldEquals("Step", APP + "-1", "workingDaysWithApplicant", "0");
    assert.fieldEquals("MatterKpi", "12", "materialsUploaded", "3");
    handleApplicationCompleted(createApplicationCompletedEvent(APP, NO_ID, 0, MONDAY + 7 * DAY));
    assert.fieldEquals("Application", APP, "workingDays", "3");
  });

  test("a rule approval is a decision with the rule and no signers", () => {
    const rule = addr(0x77);
    const event = createStepApprovedByRuleEvent(APP, 1, rule, true, MONDAY);
    handleStepActivated(createStepActivatedEvent(APP, 1, 2, MONDAY + 7 * DAY, 0, MONDAY));
    handleVoteCast(createVoteCastEvent(APP, 1, OFFICER1, 1, 0, MONDAY));
    handleStepApprovedByRule(event);
    assert.fieldEquals("Step", APP + "-1", "pendingVoters", "[]");
    const ruleDecisionId = event.transaction.hash.concatI32(event.logIndex.toI32()).toHexString();
    assert.fieldEquals("Decision", ruleDecisionId, "rule", rule);
    assert.fieldEquals("Decision", ruleDecisionId, "signers", "[]");
    assert.fieldEquals("Decision", ruleDecisionId, "department", "2");
    assert.fieldEquals("Step", APP + "-1", "status", "2");
    assert.fieldEquals("Step", APP + "-1", "rule", rule);
    assert.fieldEquals("DepartmentKpi", "2", "stepsApproved", "1");
  });

  test("an overdue flag is counted for the step, matter, department and day", () => {
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + DAY, 0, MONDAY));
    handleStepOverdue(createStepOverdueEvent(APP, 0, 1, MONDAY + DAY, addr(0x99), MONDAY + 2 * DAY));
    assert.fieldEquals("Step", APP + "-0", "overdue", "true");
    assert.fieldEquals("Step", APP + "-0", "overdueFlags", "1");
    assert.fieldEquals("MatterKpi", "12", "overdueFlags", "1");
    assert.fieldEquals("DepartmentKpi", "1", "overdueFlags", "1");
    assert.fieldEquals("DailyKpi", "2026-03-04", "overdueFlags", "1");
    handleStepDecided(createStepDecidedEvent(APP, 0, 1, 2, 0, 2, false, MONDAY + 3 * DAY));
    assert.fieldEquals("DepartmentKpi", "1", "deadlinesMissed", "1");
    assert.fieldEquals("DepartmentKpi", "1", "stepsRejected", "1");
    assert.fieldEquals("Step", APP + "-0", "status", "3");
  });

  test("rejection and withdrawal end applications and are counted", () => {
    handleApplicationRejected(createApplicationRejectedEvent(APP, 0, MONDAY + DAY));
    const second = id32(0xa1);
    handleApplicationSubmitted(createApplicationSubmittedEvent(second, APPLICANT, 12, 1, [], [], NO_ID, MONDAY));
    handleApplicationWithdrawn(createApplicationWithdrawnEvent(second, MONDAY + DAY));
    assert.fieldEquals("Application", APP, "status", "4");
    assert.fieldEquals("Application", second, "status", "5");
    assert.fieldEquals("Application", second, "endedAt", (MONDAY + DAY).toString());
    assert.fieldEquals("MatterKpi", "12", "rejected", "1");
    assert.fieldEquals("MatterKpi", "12", "withdrawn", "1");
    assert.fieldEquals("MatterKpi", "12", "applications", "2");
    assert.fieldEquals("DailyKpi", "2026-03-03", "rejected", "1");
  });

  test("a linked matter is offered, then started by an application naming its parent", () => {
    handleLinkedMatterOffered(createLinkedMatterOfferedEvent(APP, 13, APPLICANT, MONDAY + DAY));
    const linkedId = APP + "-13";
    assert.fieldEquals("LinkedApplication", linkedId, "application", "null");
    const child = id32(0xa2);
    handleApplicationSubmitted(createApplicationSubmittedEvent(child, APPLICANT, 13, 1, [], [], APP, MONDAY + DAY));
    assert.fieldEquals("LinkedApplication", linkedId, "application", child);
    assert.fieldEquals("Application", child, "parentApplication", APP);
    assert.fieldEquals("Application", child, "stepCount", "0");
  });

  test("events about unknown applications or with an unknown outcome change no state", () => {
    const ghost = id32(0xdead);
    handleApplicationCompleted(createApplicationCompletedEvent(ghost, NO_ID, 0, MONDAY + DAY));
    handleApplicationWithdrawn(createApplicationWithdrawnEvent(ghost, MONDAY + DAY));
    handleStepApprovedByRule(createStepApprovedByRuleEvent(ghost, 0, addr(0x77), true, MONDAY));
    handleVoteCast(createVoteCastEvent(ghost, 0, OFFICER1, 1, 0, MONDAY));
    assert.notInStore("Application", ghost);
    assert.notInStore("Step", ghost + "-0");
    assert.fieldEquals("MatterKpi", "12", "completed", "0");
    assert.fieldEquals("MatterKpi", "12", "withdrawn", "0");
    assert.entityCount("Decision", 0);
    handleStepActivated(createStepActivatedEvent(APP, 0, 1, MONDAY + DAY, 0, MONDAY));
    handleStepDecided(createStepDecidedEvent(APP, 0, 1, 0, 0, 1, true, MONDAY + DAY));
    assert.fieldEquals("Step", APP + "-0", "status", "1");
    assert.fieldEquals("DepartmentKpi", "1", "stepsApproved", "0");
    assert.fieldEquals("DepartmentKpi", "1", "stepsRejected", "0");
  });
});
