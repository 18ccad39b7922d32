export { AuditQueryError, createAuditClient } from "./client.ts";
export type { AuditClient, AuditDialect, CreateAuditClientParameters } from "./client.ts";
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
