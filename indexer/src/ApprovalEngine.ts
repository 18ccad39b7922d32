/**
 * ApprovalEngine: applications, their steps (activation, deadline, votes, decisions, overdue),
 * linked applications, and the KPIs per matter, department and day (subgraph/schema.graphql).
 */
import { ApplicationStatus, Outcome, StepStatus } from "@onewindow/sdk";
import { ponder } from "./lib/registry.ts";
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
} from "ponder:schema";

import { withWorkingDays } from "./lib/days.ts";
import { eventId, lower, nonZero, stepId } from "./lib/ids.ts";
import { bumpDailyKpi, bumpDepartmentKpi, bumpMatterKpi, eventMeta, workingDaysBetween, type Db } from "./lib/store.ts";

type EventLike = Parameters<typeof eventMeta>[0];

async function application(db: Db, id: string) {
  const row = await db.find(Application, { id: lower(id) });
  if (!row) throw new Error(`application ${id} was not indexed before its event / 申请 ${id} 未被索引`);
  return row;
}

async function step(db: Db, applicationId: string, index: number) {
  const row = await db.find(Step, { id: stepId(applicationId, index) });
  if (!row) throw new Error(`step ${index} of ${applicationId} was not indexed / 步骤未被索引`);
  return row;
}

async function applicationEvent(
  db: Db,
  event: EventLike,
  kind: string,
  applicationId: string,
  extra: { step?: number; reason?: number; workingDaysWithApplicant?: number } = {},
): Promise<void> {
  await db.insert(ApplicationEvent).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    kind,
    application: lower(applicationId),
    step: extra.step ?? null,
    reason: extra.reason ?? 0,
    workingDaysWithApplicant: extra.workingDaysWithApplicant ?? 0,
    ...eventMeta(event),
  });
}

ponder.on("ApprovalEngine:ApplicationSubmitted", async ({ event, context }) => {
  const a = event.args;
  const db = context.db;
  const id = lower(a.applicationId);
  const matter = String(a.matterId);
  const versionId = `${matter}-${a.matterVersion}`;
  const version = await db.find(MatterVersion, { id: versionId });
  if (!version) throw new Error(`matter version ${versionId} was not indexed / 事项版本未被索引`);
  const at = event.block.timestamp;
  await db.insert(Application).values({
    id,
    applicant: lower(a.applicant),
    matter,
    matterVersion: a.matterVersion,
    version: versionId,
    conditionsCommitment: lower(a.conditionsCommitment),
    licenceIds: a.licenceIds.map(lower),
    uploadHashes: a.uploadHashes.map(lower),
    materialsFromChain: a.licenceIds.length,
    materialsUploaded: a.uploadHashes.length,
    parentApplication: nonZero(a.parentApplicationId),
    startedBy: lower(a.startedBy),
    status: ApplicationStatus.Active,
    stepCount: version.stepCount,
    approvedSteps: 0,
    returns: 0,
    workingDaysWithApplicant: 0,
    submittedAt: at,
    submittedBlock: event.block.number,
    submittedTx: lower(event.transaction.hash),
    endedAt: null,
    completedAt: null,
    workingDays: null,
    outputLicence: null,
    outputLicenceType: null,
    updatedAt: at,
  });
  for (let index = 0; index < version.stepCount; index++) {
    await db.insert(Step).values({
      id: stepId(id, index),
      application: id,
      index,
      department: version.stepDepartments[index]!,
      status: StepStatus.Pending,
      round: 0,
      activations: 0,
      firstActivatedAt: null,
      activatedAt: null,
      deadline: null,
      overdue: false,
      overdueFlags: 0,
      outcome: 0,
      reason: 0,
      decidedAt: null,
      onTime: null,
      rule: null,
      workingDaysWithApplicant: 0,
      workingDays: null,
      pendingVoters: [],
      votesRound: 0,
      votesEpoch: 0,
      votesTransaction: null,
      updatedAt: at,
    });
  }
  await applicationEvent(db, event, "Submitted", id);
  const pulled = a.licenceIds.length;
  const uploaded = a.uploadHashes.length;
  await bumpMatterKpi(db, matter, (row) => ({
    applications: row.applications + 1,
    materialsFromChain: row.materialsFromChain + pulled,
    materialsUploaded: row.materialsUploaded + uploaded,
    baselineMaterials: row.baselineMaterials + version.baselineMaterials,
  }));
  await bumpDailyKpi(db, at, (row) => ({
    applications: row.applications + 1,
    materialsFromChain: row.materialsFromChain + pulled,
    materialsUploaded: row.materialsUploaded + uploaded,
  }));
  const parent = nonZero(a.parentApplicationId);
  if (parent !== null) {
    const linkId = `${parent}-${matter}`;
    if (await db.find(LinkedApplication, { id: linkId })) {
      await db.update(LinkedApplication, { id: linkId }).set({ application: id, startedAt: at });
    }
  }
});

ponder.on("ApprovalEngine:StepActivated", async ({ event, context }) => {
  const a = event.args;
  const db = context.db;
  const before = await step(db, a.applicationId, a.step);
  const department = String(a.departmentId);
  const at = event.block.timestamp;
  const first = before.status === StepStatus.Pending;
  await db.update(Step, { id: before.id }).set({
    department,
    status: StepStatus.Active,
    round: a.round,
    activations: before.activations + 1,
    firstActivatedAt: first ? at : before.firstActivatedAt,
    activatedAt: at,
    deadline: BigInt(a.deadline),
    overdue: false,
    updatedAt: at,
  });
  await db.insert(StepActivation).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    application: lower(a.applicationId),
    step: before.id,
    stepIndex: a.step,
    department,
    deadline: BigInt(a.deadline),
    round: a.round,
    ...eventMeta(event),
  });
  if (first) await bumpDepartmentKpi(db, department, (row) => ({ steps: row.steps + 1 }));
});

ponder.on("ApprovalEngine:VoteCast", async ({ event, context }) => {
  const a = event.args;
  const db = context.db;
  const s = await step(db, a.applicationId, a.step);
  const epoch = (await db.find(Department, { id: s.department }))?.officersEpoch ?? 0;
  const tx = lower(event.transaction.hash);
  const fresh = s.votesRound !== a.round || s.votesEpoch !== epoch || (a.signed && s.votesTransaction !== tx);
  const officer = lower(a.officer);
  await db.update(Step, { id: s.id }).set({
    pendingVoters: [...(fresh ? [] : s.pendingVoters), officer],
    votesRound: a.round,
    votesEpoch: epoch,
    votesTransaction: tx,
    updatedAt: event.block.timestamp,
  });
  await db.insert(Vote).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    application: lower(a.applicationId),
    step: s.id,
    stepIndex: a.step,
    officer,
    outcome: a.outcome,
    reason: a.reason,
    round: a.round,
    signed: a.signed,
    outputLicence: nonZero(a.outputLicenceId),
    ...eventMeta(event),
  });
});

/** A step decided (by its department's votes, or approved by a rule): step, decision, KPIs. */
async function decide(
  db: Db,
  event: EventLike,
  decision: {
    applicationId: string;
    index: number;
    outcome: number;
    reason: number;
    round: number | null;
    votes: bigint;
    onTime: boolean;
    rule: string | null;
  },
): Promise<void> {
  const s = await step(db, decision.applicationId, decision.index);
  const app = await application(db, decision.applicationId);
  const at = event.block.timestamp;
  const approved = decision.outcome === Outcome.Approve;
  const workingDays = approved
    ? Math.max(0, (await workingDaysBetween(db, s.firstActivatedAt ?? at, at)) - s.workingDaysWithApplicant)
    : null;
  await db.insert(Decision).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    application: app.id,
    step: s.id,
    stepIndex: decision.index,
    department: s.department,
    outcome: decision.outcome,
    reason: decision.reason,
    round: decision.round ?? s.round,
    votes: decision.votes,
    onTime: decision.onTime,
    rule: decision.rule === null ? null : lower(decision.rule),
    signers: decision.rule === null ? s.pendingVoters : [],
    ...eventMeta(event),
  });
  await db.update(Step, { id: s.id }).set({
    status: approved
      ? StepStatus.Approved
      : decision.outcome === Outcome.Reject
        ? StepStatus.Rejected
        : StepStatus.Returned,
    outcome: decision.outcome,
    reason: decision.reason,
    decidedAt: at,
    onTime: decision.onTime,
    rule: decision.rule === null ? null : lower(decision.rule),
    workingDays: approved ? workingDays : s.workingDays,
    pendingVoters: [],
    updatedAt: at,
  });
  if (approved) {
    await db.update(Application, { id: app.id }).set({ approvedSteps: app.approvedSteps + 1, updatedAt: at });
  }
  const met = decision.onTime ? 1 : 0;
  const missed = decision.onTime ? 0 : 1;
  await bumpDepartmentKpi(db, s.department, (row) => ({
    ...(approved ? { stepsApproved: row.stepsApproved + 1, ...withWorkingDays(row, workingDays!) } : {}),
    stepsRejected: row.stepsRejected + (decision.outcome === Outcome.Reject ? 1 : 0),
    stepsReturned: row.stepsReturned + (decision.outcome === Outcome.Return ? 1 : 0),
    deadlinesMet: row.deadlinesMet + met,
    deadlinesMissed: row.deadlinesMissed + missed,
  }));
  await bumpMatterKpi(db, app.matter, (row) => ({
    deadlinesMet: row.deadlinesMet + met,
    deadlinesMissed: row.deadlinesMissed + missed,
  }));
  await bumpDailyKpi(db, at, (row) => ({
    deadlinesMet: row.deadlinesMet + met,
    deadlinesMissed: row.deadlinesMissed + missed,
  }));
}

ponder.on("ApprovalEngine:StepDecided", async ({ event, context }) => {
  const a = event.args;
  await decide(context.db, event, {
    applicationId: a.applicationId,
    index: a.step,
    outcome: a.outcome,
    reason: a.reason,
    round: a.round,
    votes: BigInt(a.votes),
    onTime: a.onTime,
    rule: null,
  });
});

ponder.on("ApprovalEngine:StepApprovedByRule", async ({ event, context }) => {
  const a = event.args;
  await decide(context.db, event, {
    applicationId: a.applicationId,
    index: a.step,
    outcome: Outcome.Approve,
    reason: 0,
    round: null,
    votes: 0n,
    onTime: a.onTime,
    rule: a.rule,
  });
});

ponder.on("ApprovalEngine:StepOverdue", async ({ event, context }) => {
  const a = event.args;
  const db = context.db;
  const s = await step(db, a.applicationId, a.step);
  const app = await application(db, a.applicationId);
  const department = String(a.departmentId);
  await db
    .update(Step, { id: s.id })
    .set({ overdue: true, overdueFlags: s.overdueFlags + 1, updatedAt: event.block.timestamp });
  await db.insert(OverdueFlag).values({
    id: eventId(event.transaction.hash, event.log.logIndex),
    application: app.id,
    step: s.id,
    stepIndex: a.step,
    department,
    deadline: BigInt(a.deadline),
    flaggedBy: lower(a.flaggedBy),
    ...eventMeta(event),
  });
  await bumpDepartmentKpi(db, department, (row) => ({ overdueFlags: row.overdueFlags + 1 }));
  await bumpMatterKpi(db, app.matter, (row) => ({ overdueFlags: row.overdueFlags + 1 }));
  await bumpDailyKpi(db, event.block.timestamp, (row) => ({ overdueFlags: row.overdueFlags + 1 }));
});

ponder.on("ApprovalEngine:ApplicationReturned", async ({ event, context }) => {
  const a = event.args;
  const app = await application(context.db, a.applicationId);
  await context.db
    .update(Application, { id: app.id })
    .set({ status: ApplicationStatus.Returned, returns: app.returns + 1, updatedAt: event.block.timestamp });
  await applicationEvent(context.db, event, "Returned", app.id, { step: a.step, reason: a.reason });
});

ponder.on("ApprovalEngine:ApplicationResubmitted", async ({ event, context }) => {
  const a = event.args;
  const db = context.db;
  const app = await application(db, a.applicationId);
  const days = a.workingDaysWithApplicant;
  const uploaded = a.uploadHashes.length;
  const at = event.block.timestamp;
  await db.update(Application, { id: app.id }).set({
    status: ApplicationStatus.Active,
    uploadHashes: [...app.uploadHashes, ...a.uploadHashes.map(lower)],
    materialsUploaded: app.materialsUploaded + uploaded,
    workingDaysWithApplicant: app.workingDaysWithApplicant + days,
    updatedAt: at,
  });
  for (let index = 0; index < app.stepCount; index++) {
    const s = await step(db, app.id, index);
    if (s.status === StepStatus.Active || s.status === StepStatus.Returned) {
      await db
        .update(Step, { id: s.id })
        .set({ workingDaysWithApplicant: s.workingDaysWithApplicant + days, updatedAt: at });
    }
  }
  await applicationEvent(db, event, "Resubmitted", app.id, { workingDaysWithApplicant: days });
  await bumpMatterKpi(db, app.matter, (row) => ({ materialsUploaded: row.materialsUploaded + uploaded }));
  await bumpDailyKpi(db, at, (row) => ({ materialsUploaded: row.materialsUploaded + uploaded }));
});

ponder.on("ApprovalEngine:ApplicationRejected", async ({ event, context }) => {
  const a = event.args;
  const app = await application(context.db, a.applicationId);
  const at = event.block.timestamp;
  await context.db
    .update(Application, { id: app.id })
    .set({ status: ApplicationStatus.Rejected, endedAt: at, updatedAt: at });
  await applicationEvent(context.db, event, "Rejected", app.id, { step: a.step, reason: a.reason });
  await bumpMatterKpi(context.db, app.matter, (row) => ({ rejected: row.rejected + 1 }));
  await bumpDailyKpi(context.db, at, (row) => ({ rejected: row.rejected + 1 }));
});

ponder.on("ApprovalEngine:ApplicationWithdrawn", async ({ event, context }) => {
  const app = await application(context.db, event.args.applicationId);
  const at = event.block.timestamp;
  await context.db
    .update(Application, { id: app.id })
    .set({ status: ApplicationStatus.Withdrawn, endedAt: at, updatedAt: at });
  await applicationEvent(context.db, event, "Withdrawn", app.id);
  await bumpMatterKpi(context.db, app.matter, (row) => ({ withdrawn: row.withdrawn + 1 }));
  await bumpDailyKpi(context.db, at, (row) => ({ withdrawn: row.withdrawn + 1 }));
});

ponder.on("ApprovalEngine:ApplicationCompleted", async ({ event, context }) => {
  const a = event.args;
  const db = context.db;
  const app = await application(db, a.applicationId);
  const version = await db.find(MatterVersion, { id: app.version });
  const at = event.block.timestamp;
  const workingDays = Math.max(0, (await workingDaysBetween(db, app.submittedAt, at)) - app.workingDaysWithApplicant);
  await db.update(Application, { id: app.id }).set({
    status: ApplicationStatus.Completed,
    endedAt: at,
    completedAt: at,
    workingDays,
    outputLicence: nonZero(a.outputLicenceId),
    outputLicenceType: a.outputLicenceTypeId === 0 ? null : String(a.outputLicenceTypeId),
    updatedAt: at,
  });
  await applicationEvent(db, event, "Completed", app.id);
  await bumpMatterKpi(db, app.matter, (row) => ({
    completed: row.completed + 1,
    ...withWorkingDays(row, workingDays),
    baselineWorkingDays: row.baselineWorkingDays + (version?.baselineWorkingDays ?? 0),
    baselineVisits: row.baselineVisits + (version?.baselineVisits ?? 0),
    visits: row.visits + (version?.visits ?? 0),
  }));
  await bumpDailyKpi(db, at, (row) => ({ completed: row.completed + 1, ...withWorkingDays(row, workingDays) }));
});

ponder.on("ApprovalEngine:LinkedMatterOffered", async ({ event, context }) => {
  const a = event.args;
  const values = {
    parentApplication: lower(a.applicationId),
    matter: String(a.linkedMatterId),
    holder: lower(a.holder),
    mode: a.mode,
    offeredAt: event.block.timestamp,
  };
  await context.db
    .insert(LinkedApplication)
    .values({ id: `${lower(a.applicationId)}-${a.linkedMatterId}`, ...values, application: null, startedAt: null })
    .onConflictDoUpdate(values);
});
