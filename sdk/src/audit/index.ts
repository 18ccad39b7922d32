export { AuditQueryError, createAuditClient } from "./client.ts";
export type { AuditClient, AuditDialect, CreateAuditClientParameters } from "./client.ts";
export { checkIndexerIntegrity } from "./integrity.ts";
export type { IndexerIntegrity } from "./integrity.ts";
export { convertRow, entityDocument, listDocument } from "./query.ts";
export type { FieldKind, FieldSpec, ListQuery, WhereValue } from "./query.ts";
export type * from "./records.ts";
export { getApplicationTrail } from "./getApplicationTrail.ts";
export type {
  GetApplicationTrailParameters,
  GetApplicationTrailReturnType,
  TrailEntry,
} from "./getApplicationTrail.ts";
export { getLicenceVerifications } from "./getLicenceVerifications.ts";
export type {
  GetLicenceVerificationsParameters,
  GetLicenceVerificationsReturnType,
} from "./getLicenceVerifications.ts";
export { getOverdueSteps, monthRange } from "./getOverdueSteps.ts";
export type { DepartmentOverdue, GetOverdueStepsParameters, GetOverdueStepsReturnType } from "./getOverdueSteps.ts";
export { getMatterSavings } from "./getMatterSavings.ts";
export type { GetMatterSavingsParameters, GetMatterSavingsReturnType, MatterSavings } from "./getMatterSavings.ts";
export { listApplications } from "./listApplications.ts";
export type { ListApplicationsParameters, ListApplicationsReturnType } from "./listApplications.ts";
export { getApplicantHistory } from "./getApplicantHistory.ts";
export type { GetApplicantHistoryParameters, GetApplicantHistoryReturnType } from "./getApplicantHistory.ts";
export { getDailyKpis } from "./getDailyKpis.ts";
export type { GetDailyKpisReturnType } from "./getDailyKpis.ts";
export { getPendingOutputLicence, pendingOutputLicenceOf } from "./getPendingOutputLicence.ts";
export type {
  GetPendingOutputLicenceParameters,
  GetPendingOutputLicenceReturnType,
} from "./getPendingOutputLicence.ts";
export { createChainHistory, getChainEvents } from "./chain.ts";
export type {
  ChainHistory,
  ChainHistoryReader,
  CreateChainHistoryParameters,
  GetChainEventsParameters,
} from "./chain.ts";
export { DAILY_KPI_DEFAULTS, DEPARTMENT_KPI_DEFAULTS, MATTER_KPI_DEFAULTS, WORKING_DAY_KPI_DEFAULTS } from "./kpis.ts";
export { listConsents } from "./listConsents.ts";
export type { ListConsentsParameters, ListConsentsReturnType } from "./listConsents.ts";
export { findApplicationsByNumber } from "./findApplicationsByNumber.ts";
export type {
  FindApplicationsByNumberParameters,
  FindApplicationsByNumberReturnType,
} from "./findApplicationsByNumber.ts";
