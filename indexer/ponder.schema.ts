/**
 * The indexer's tables: an exact mirror of subgraph/schema.graphql (same entity names, field names
 * and types; read the rules in that file's header). Bytes → hex (lowercase), ID → text, Int →
 * integer, BigInt → bigint, lists → arrays. A relation field of the GraphQL schema is a column of
 * the same name holding the target's id; @derivedFrom reverse lookups are not stored.
 */
import { onchainTable } from "ponder";

/** The column builders `onchainTable` passes to its column function. */
type Builders = Parameters<Extract<Parameters<typeof onchainTable>[1], (...args: never[]) => unknown>>[0];

/** Columns every immutable per-event entity carries. */
function meta(t: Builders) {
  return {
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  };
}

// ---------------------------------------------------------------- calendar

export const Calendar = onchainTable("calendar", (t) => ({
  id: t.text().primaryKey(),
  timeZoneOffset: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const CalendarYear = onchainTable("calendar_year", (t) => ({
  id: t.text().primaryKey(),
  year: t.integer().notNull(),
  holidays: t.integer().array().notNull(),
  makeupWorkdays: t.integer().array().notNull(),
  source: t.text().notNull(),
  updatedAt: t.bigint().notNull(),
}));

// ---------------------------------------------------------------- departments and licence types

export const Department = onchainTable("department", (t) => ({
  id: t.text().primaryKey(),
  code: t.text().notNull(),
  name: t.text().notNull(),
  level: t.integer().notNull(),
  kind: t.integer().notNull(),
  encryptionKey: t.hex().notNull(),
  officers: t.hex().array().notNull(),
  threshold: t.integer().notNull(),
  officersEpoch: t.integer().notNull(),
  active: t.boolean().notNull(),
  lister: t.boolean().notNull(),
  registeredAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** One key of a department's national-seal key history (SealKeySet): a rotation adds one. */
export const SealKey = onchainTable("seal_key", (t) => ({
  id: t.text().primaryKey(),
  department: t.text().notNull(),
  index: t.integer().notNull(),
  publicKey: t.hex().notNull(),
  validFrom: t.bigint().notNull(),
  setBy: t.hex().notNull(),
  ...meta(t),
}));

export const LicenceType = onchainTable("licence_type", (t) => ({
  id: t.text().primaryKey(),
  code: t.text().notNull(),
  name: t.text().notNull(),
  currentVersion: t.integer().notNull(),
  active: t.boolean().notNull(),
  registeredAt: t.bigint().notNull(),
  deactivatedAt: t.bigint(),
}));

export const LicenceTypeVersion = onchainTable("licence_type_version", (t) => ({
  id: t.text().primaryKey(),
  licenceType: t.text().notNull(),
  version: t.integer().notNull(),
  level: t.integer().notNull(),
  publishedAt: t.bigint().notNull(),
  defaultValidity: t.bigint().notNull(),
  fieldNames: t.text().array().notNull(),
  issuers: t.text().array().notNull(),
}));

// ---------------------------------------------------------------- licences, evidence

export const Licence = onchainTable("licence", (t) => ({
  id: t.hex().primaryKey(),
  licenceType: t.text().notNull(),
  typeVersion: t.integer().notNull(),
  issuer: t.text().notNull(),
  batch: t.hex(),
  status: t.integer().notNull(),
  issuedAt: t.bigint().notNull(),
  expiresAt: t.bigint().notNull(),
  officer: t.hex(),
  replacedBy: t.hex(),
  replaces: t.hex(),
  verifications: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const Batch = onchainTable("batch", (t) => ({
  id: t.hex().primaryKey(),
  licenceType: t.text().notNull(),
  typeVersion: t.integer().notNull(),
  issuer: t.text().notNull(),
  count: t.integer().notNull(),
  status: t.integer().notNull(),
  issuedAt: t.bigint().notNull(),
  expiresAt: t.bigint().notNull(),
  officer: t.hex().notNull(),
  verifications: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const LicenceStatusChange = onchainTable("licence_status_change", (t) => ({
  id: t.hex().primaryKey(),
  kind: t.text().notNull(),
  licence: t.hex().notNull(),
  batch: t.hex(),
  department: t.text().notNull(),
  reason: t.integer().notNull(),
  officer: t.hex(),
  newLicence: t.hex(),
  ...meta(t),
}));

export const Verification = onchainTable("verification", (t) => ({
  id: t.hex().primaryKey(),
  licence: t.hex().notNull(),
  department: t.text().notNull(),
  purpose: t.hex().notNull(),
  fieldMask: t.bigint().notNull(),
  result: t.integer().notNull(),
  officer: t.hex().notNull(),
  ...meta(t),
}));

// ---------------------------------------------------------------- consents, restrictions

export const Consent = onchainTable("consent", (t) => ({
  id: t.hex().primaryKey(),
  holder: t.hex().notNull(),
  department: t.text().notNull(),
  licence: t.hex().notNull(),
  fieldMask: t.bigint().notNull(),
  purpose: t.hex().notNull(),
  grantedAt: t.bigint().notNull(),
  expiresAt: t.bigint().notNull(),
  revoked: t.boolean().notNull(),
  revokedAt: t.bigint(),
  grants: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const ConsentEvent = onchainTable("consent_event", (t) => ({
  id: t.hex().primaryKey(),
  kind: t.text().notNull(),
  consent: t.hex().notNull(),
  holder: t.hex().notNull(),
  department: t.text().notNull(),
  ...meta(t),
}));

export const Restriction = onchainTable("restriction", (t) => ({
  id: t.hex().primaryKey(),
  department: t.text().notNull(),
  reason: t.integer().notNull(),
  listedAt: t.bigint().notNull(),
  expiresAt: t.bigint().notNull(),
  listed: t.boolean().notNull(),
  unlistedAt: t.bigint(),
  officer: t.hex().notNull(),
  updatedAt: t.bigint().notNull(),
}));

export const RestrictionEvent = onchainTable("restriction_event", (t) => ({
  id: t.hex().primaryKey(),
  kind: t.text().notNull(),
  subject: t.hex().notNull(),
  department: t.text().notNull(),
  reason: t.integer().notNull(),
  officer: t.hex().notNull(),
  ...meta(t),
}));

// ---------------------------------------------------------------- catalogue

export const Matter = onchainTable("matter", (t) => ({
  id: t.text().primaryKey(),
  code: t.text().notNull(),
  name: t.text().notNull(),
  active: t.boolean().notNull(),
  currentVersion: t.integer().notNull(),
  registeredAt: t.bigint().notNull(),
}));

export const MatterVersion = onchainTable("matter_version", (t) => ({
  id: t.text().primaryKey(),
  matter: t.text().notNull(),
  version: t.integer().notNull(),
  stepCount: t.integer().notNull(),
  stepDepartments: t.text().array().notNull(),
  stepDependsOn: t.integer().array().notNull(),
  stepTimeLimits: t.integer().array().notNull(),
  stepRules: t.hex().array().notNull(),
  sequentialWorkingDays: t.integer().notNull(),
  criticalPathWorkingDays: t.integer().notNull(),
  materialCount: t.integer().notNull(),
  materialKinds: t.integer().array().notNull(),
  materialLicenceTypes: t.text().array().notNull(),
  materialConditions: t.bigint().array().notNull(),
  materialNames: t.text().array().notNull(),
  licenceMaterials: t.integer().notNull(),
  uploadMaterials: t.integer().notNull(),
  outputLicenceType: t.text(),
  outputStep: t.integer().notNull(),
  visits: t.integer().notNull(),
  linkedMatters: t.text().array().notNull(),
  linkModes: t.integer().array().notNull(),
  baselineMaterials: t.integer().notNull(),
  baselineWorkingDays: t.integer().notNull(),
  baselineVisits: t.integer().notNull(),
  publishedAt: t.bigint().notNull(),
}));

// ---------------------------------------------------------------- applications

export const Application = onchainTable("application", (t) => ({
  id: t.hex().primaryKey(),
  applicant: t.hex().notNull(),
  matter: t.text().notNull(),
  matterVersion: t.integer().notNull(),
  version: t.text().notNull(),
  /** keccak256(abi.encode(uint32 conditions, bytes32 salt)): the flags are never on chain. */
  conditionsCommitment: t.hex().notNull(),
  licenceIds: t.hex().array().notNull(),
  uploadHashes: t.hex().array().notNull(),
  materialsFromChain: t.integer().notNull(),
  materialsUploaded: t.integer().notNull(),
  parentApplication: t.hex(),
  startedBy: t.hex().notNull(),
  status: t.integer().notNull(),
  stepCount: t.integer().notNull(),
  approvedSteps: t.integer().notNull(),
  returns: t.integer().notNull(),
  workingDaysWithApplicant: t.integer().notNull(),
  submittedAt: t.bigint().notNull(),
  submittedBlock: t.bigint().notNull(),
  submittedTx: t.hex().notNull(),
  endedAt: t.bigint(),
  completedAt: t.bigint(),
  workingDays: t.integer(),
  outputLicence: t.hex(),
  outputLicenceType: t.text(),
  updatedAt: t.bigint().notNull(),
}));

export const ApplicationEvent = onchainTable("application_event", (t) => ({
  id: t.hex().primaryKey(),
  kind: t.text().notNull(),
  application: t.hex().notNull(),
  step: t.integer(),
  reason: t.integer().notNull(),
  workingDaysWithApplicant: t.integer().notNull(),
  ...meta(t),
}));

export const Step = onchainTable("step", (t) => ({
  id: t.text().primaryKey(),
  application: t.hex().notNull(),
  index: t.integer().notNull(),
  department: t.text().notNull(),
  status: t.integer().notNull(),
  round: t.integer().notNull(),
  activations: t.integer().notNull(),
  firstActivatedAt: t.bigint(),
  activatedAt: t.bigint(),
  deadline: t.bigint(),
  overdue: t.boolean().notNull(),
  overdueFlags: t.integer().notNull(),
  outcome: t.integer().notNull(),
  reason: t.integer().notNull(),
  decidedAt: t.bigint(),
  onTime: t.boolean(),
  rule: t.hex(),
  workingDaysWithApplicant: t.integer().notNull(),
  workingDays: t.integer(),
  pendingVoters: t.hex().array().notNull(),
  votesRound: t.integer().notNull(),
  votesEpoch: t.integer().notNull(),
  votesTransaction: t.hex(),
  updatedAt: t.bigint().notNull(),
}));

export const StepActivation = onchainTable("step_activation", (t) => ({
  id: t.hex().primaryKey(),
  application: t.hex().notNull(),
  step: t.text().notNull(),
  stepIndex: t.integer().notNull(),
  department: t.text().notNull(),
  deadline: t.bigint().notNull(),
  round: t.integer().notNull(),
  ...meta(t),
}));

export const Vote = onchainTable("vote", (t) => ({
  id: t.hex().primaryKey(),
  application: t.hex().notNull(),
  step: t.text().notNull(),
  stepIndex: t.integer().notNull(),
  officer: t.hex().notNull(),
  outcome: t.integer().notNull(),
  reason: t.integer().notNull(),
  round: t.integer().notNull(),
  signed: t.boolean().notNull(),
  /** The output licence id the vote names (null if zero). */
  outputLicence: t.hex(),
  ...meta(t),
}));

export const Decision = onchainTable("decision", (t) => ({
  id: t.hex().primaryKey(),
  application: t.hex().notNull(),
  step: t.text().notNull(),
  stepIndex: t.integer().notNull(),
  department: t.text().notNull(),
  outcome: t.integer().notNull(),
  reason: t.integer().notNull(),
  round: t.integer().notNull(),
  votes: t.bigint().notNull(),
  onTime: t.boolean().notNull(),
  rule: t.hex(),
  signers: t.hex().array().notNull(),
  ...meta(t),
}));

export const OverdueFlag = onchainTable("overdue_flag", (t) => ({
  id: t.hex().primaryKey(),
  application: t.hex().notNull(),
  step: t.text().notNull(),
  stepIndex: t.integer().notNull(),
  department: t.text().notNull(),
  deadline: t.bigint().notNull(),
  flaggedBy: t.hex().notNull(),
  ...meta(t),
}));

export const LinkedApplication = onchainTable("linked_application", (t) => ({
  id: t.text().primaryKey(),
  parentApplication: t.hex().notNull(),
  matter: t.text().notNull(),
  holder: t.hex().notNull(),
  mode: t.integer().notNull(),
  offeredAt: t.bigint().notNull(),
  application: t.hex(),
  startedAt: t.bigint(),
}));

// ---------------------------------------------------------------- KPIs

function workingDayColumns(t: Builders) {
  return {
    workingDaysCounts: t.integer().array().notNull(),
    totalWorkingDays: t.integer().notNull(),
    medianWorkingDays: t.integer().notNull(),
    meanWorkingDaysHundredths: t.integer().notNull(),
    deadlinesMet: t.integer().notNull(),
    deadlinesMissed: t.integer().notNull(),
    overdueFlags: t.integer().notNull(),
  };
}

export const MatterKpi = onchainTable("matter_kpi", (t) => ({
  id: t.text().primaryKey(),
  matter: t.text().notNull(),
  applications: t.integer().notNull(),
  completed: t.integer().notNull(),
  rejected: t.integer().notNull(),
  withdrawn: t.integer().notNull(),
  ...workingDayColumns(t),
  materialsFromChain: t.integer().notNull(),
  materialsUploaded: t.integer().notNull(),
  baselineMaterials: t.integer().notNull(),
  baselineWorkingDays: t.integer().notNull(),
  baselineVisits: t.integer().notNull(),
  visits: t.integer().notNull(),
}));

export const DepartmentKpi = onchainTable("department_kpi", (t) => ({
  id: t.text().primaryKey(),
  department: t.text().notNull(),
  steps: t.integer().notNull(),
  stepsApproved: t.integer().notNull(),
  stepsRejected: t.integer().notNull(),
  stepsReturned: t.integer().notNull(),
  ...workingDayColumns(t),
  verifications: t.integer().notNull(),
  licencesIssued: t.integer().notNull(),
}));

export const DailyKpi = onchainTable("daily_kpi", (t) => ({
  id: t.text().primaryKey(),
  date: t.integer().notNull(),
  applications: t.integer().notNull(),
  completed: t.integer().notNull(),
  rejected: t.integer().notNull(),
  withdrawn: t.integer().notNull(),
  ...workingDayColumns(t),
  materialsFromChain: t.integer().notNull(),
  materialsUploaded: t.integer().notNull(),
  verifications: t.integer().notNull(),
  licencesIssued: t.integer().notNull(),
}));

// ---------------------------------------------------------------- integrity (indexer only)

/**
 * Handled logs per block (only blocks with at least one), written by every handler
 * (src/lib/registry.ts) and compared with the node's logs by the integrity check
 * (src/api/integrity.ts). Not an entity of subgraph/schema.graphql: the indexer's own bookkeeping.
 */
export const IndexedBlock = onchainTable("indexed_block", (t) => ({
  id: t.bigint().primaryKey(),
  logs: t.integer().notNull(),
}));
