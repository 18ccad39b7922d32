/**
 * The audit entities as the audit functions return them (subgraph/schema.graphql holds the
 * definition and its rules). Bytes are lowercase hex, BigInt fields are bigint, relations are ids.
 */
import type { Hex } from "viem";

import type { FieldSpec } from "./query.ts";

/** Block, time, transaction and log of an immutable per-event record. */
export type EventRecordMeta = {
  id: Hex;
  blockNumber: bigint;
  timestamp: bigint;
  transactionHash: Hex;
  logIndex: number;
};

const META = { id: "s", blockNumber: "b", timestamp: "b", transactionHash: "s", logIndex: "i" } as const;

export type ApplicationRecord = {
  id: Hex;
  applicant: Hex;
  matter: string;
  matterVersion: number;
  status: number;
  licenceIds: Hex[];
  uploadHashes: Hex[];
  materialsFromChain: number;
  materialsUploaded: number;
  parentApplication: Hex | null;
  stepCount: number;
  approvedSteps: number;
  returns: number;
  workingDaysWithApplicant: number;
  submittedAt: bigint;
  endedAt: bigint | null;
  completedAt: bigint | null;
  workingDays: number | null;
  outputLicence: Hex | null;
};
export const APPLICATION_FIELDS = {
  id: "s",
  applicant: "s",
  matter: "r",
  matterVersion: "i",
  status: "i",
  licenceIds: "S",
  uploadHashes: "S",
  materialsFromChain: "i",
  materialsUploaded: "i",
  parentApplication: "s",
  stepCount: "i",
  approvedSteps: "i",
  returns: "i",
  workingDaysWithApplicant: "i",
  submittedAt: "b",
  endedAt: "b",
  completedAt: "b",
  workingDays: "i",
  outputLicence: "s",
} as const satisfies FieldSpec;

export type StepRecord = {
  id: string;
  index: number;
  department: string;
  status: number;
  round: number;
  activations: number;
  firstActivatedAt: bigint | null;
  deadline: bigint | null;
  overdue: boolean;
  overdueFlags: number;
  outcome: number;
  reason: number;
  decidedAt: bigint | null;
  onTime: boolean | null;
  rule: Hex | null;
  workingDays: number | null;
};
export const STEP_FIELDS = {
  id: "s",
  index: "i",
  department: "r",
  status: "i",
  round: "i",
  activations: "i",
  firstActivatedAt: "b",
  deadline: "b",
  overdue: "t",
  overdueFlags: "i",
  outcome: "i",
  reason: "i",
  decidedAt: "b",
  onTime: "t",
  rule: "s",
  workingDays: "i",
} as const satisfies FieldSpec;

export type ApplicationEventRecord = EventRecordMeta & {
  kind: "Submitted" | "Returned" | "Resubmitted" | "Rejected" | "Withdrawn" | "Completed";
  step: number | null;
  reason: number;
  workingDaysWithApplicant: number;
};
export const APPLICATION_EVENT_FIELDS = {
  ...META,
  kind: "s",
  step: "i",
  reason: "i",
  workingDaysWithApplicant: "i",
} as const satisfies FieldSpec;

export type StepActivationRecord = EventRecordMeta & {
  step: string;
  stepIndex: number;
  department: string;
  deadline: bigint;
  round: number;
};
export const STEP_ACTIVATION_FIELDS = {
  ...META,
  step: "r",
  stepIndex: "i",
  department: "r",
  deadline: "b",
  round: "i",
} as const satisfies FieldSpec;

export type VoteRecord = EventRecordMeta & {
  step: string;
  stepIndex: number;
  officer: Hex;
  outcome: number;
  reason: number;
  round: number;
  signed: boolean;
  /** The output licence id the vote names (null when none). */
  outputLicence: Hex | null;
};
export const VOTE_FIELDS = {
  ...META,
  step: "r",
  stepIndex: "i",
  officer: "s",
  outcome: "i",
  reason: "i",
  round: "i",
  signed: "t",
  outputLicence: "s",
} as const satisfies FieldSpec;

export type DecisionRecord = EventRecordMeta & {
  step: string;
  stepIndex: number;
  department: string;
  outcome: number;
  reason: number;
  round: number;
  /** Bit i: officer i of the department voted for it. */
  votes: bigint;
  onTime: boolean;
  rule: Hex | null;
  signers: Hex[];
};
export const DECISION_FIELDS = {
  ...META,
  step: "r",
  stepIndex: "i",
  department: "r",
  outcome: "i",
  reason: "i",
  round: "i",
  votes: "b",
  onTime: "t",
  rule: "s",
  signers: "S",
} as const satisfies FieldSpec;

export type OverdueFlagRecord = EventRecordMeta & {
  application: Hex;
  step: string;
  stepIndex: number;
  department: string;
  deadline: bigint;
  flaggedBy: Hex;
};
export const OVERDUE_FLAG_FIELDS = {
  ...META,
  application: "r",
  step: "r",
  stepIndex: "i",
  department: "r",
  deadline: "b",
  flaggedBy: "s",
} as const satisfies FieldSpec;

export type VerificationRecord = EventRecordMeta & {
  licence: Hex;
  department: string;
  purpose: Hex;
  fieldMask: bigint;
  /** Bits: 1 integrity, 2 status valid, 4 issuer authorised. */
  result: number;
  officer: Hex;
};
export const VERIFICATION_FIELDS = {
  ...META,
  licence: "s",
  department: "r",
  purpose: "s",
  fieldMask: "b",
  result: "i",
  officer: "s",
} as const satisfies FieldSpec;

export type LinkedApplicationRecord = {
  /** `<parentApplicationId>-<linkedMatterId>`. */
  id: string;
  parentApplication: Hex;
  matter: string;
  holder: Hex;
  /** LinkMode. */
  mode: number;
  offeredAt: bigint;
  /** The application started for the offer (latest), null until then. */
  application: Hex | null;
  startedAt: bigint | null;
};
export const LINKED_APPLICATION_FIELDS = {
  id: "s",
  parentApplication: "r",
  matter: "r",
  holder: "s",
  mode: "i",
  offeredAt: "b",
  application: "s",
  startedAt: "b",
} as const satisfies FieldSpec;

export type DailyKpiRecord = {
  /** Local date YYYY-MM-DD. */
  id: string;
  /** YYYYMMDD. */
  date: number;
  applications: number;
  completed: number;
};
export const DAILY_KPI_FIELDS = { id: "s", date: "i", applications: "i", completed: "i" } as const satisfies FieldSpec;

export type IndexedConsentRecord = {
  /** The consent id (ConsentRegistry.consentId of holder, department, licence, purpose). */
  id: Hex;
  holder: Hex;
  /** The grantee department's id (decimal string). */
  department: string;
  licence: Hex;
  fieldMask: bigint;
  /** The purpose: the id of the application the consent was given for. */
  purpose: Hex;
  grantedAt: bigint;
  expiresAt: bigint;
  revoked: boolean;
  revokedAt: bigint | null;
};
export const CONSENT_FIELDS = {
  id: "s",
  holder: "s",
  department: "r",
  licence: "s",
  fieldMask: "b",
  purpose: "s",
  grantedAt: "b",
  expiresAt: "b",
  revoked: "t",
  revokedAt: "b",
} as const satisfies FieldSpec;
