/**
 * The KPI entities' starting values (subgraph/schema.graphql: MatterKpi, DepartmentKpi, DailyKpi),
 * defined once: the indexer creates its rows from them and the subgraph's generated constants
 * (subgraph/scripts/constants.ts) set its entities from them.
 */

/** The working-day counters every KPI entity has. */
export const WORKING_DAY_KPI_DEFAULTS = {
  /** Entry d: how many values were d working days (bounded by the largest value, not the count). */
  workingDaysCounts: [] as number[],
  totalWorkingDays: 0,
  medianWorkingDays: 0,
  meanWorkingDaysHundredths: 0,
  deadlinesMet: 0,
  deadlinesMissed: 0,
  overdueFlags: 0,
};

/** A matter's KPIs before its first application (besides `id` and `matter`). */
export const MATTER_KPI_DEFAULTS = {
  applications: 0,
  completed: 0,
  rejected: 0,
  withdrawn: 0,
  ...WORKING_DAY_KPI_DEFAULTS,
  materialsFromChain: 0,
  materialsUploaded: 0,
  baselineMaterials: 0,
  baselineWorkingDays: 0,
  baselineVisits: 0,
  visits: 0,
};

/** A department's KPIs before its first step (besides `id` and `department`). */
export const DEPARTMENT_KPI_DEFAULTS = {
  steps: 0,
  stepsApproved: 0,
  stepsRejected: 0,
  stepsReturned: 0,
  ...WORKING_DAY_KPI_DEFAULTS,
  verifications: 0,
  licencesIssued: 0,
};

/** A local day's KPIs before its first event (besides `id` and `date`). */
export const DAILY_KPI_DEFAULTS = {
  applications: 0,
  completed: 0,
  rejected: 0,
  withdrawn: 0,
  ...WORKING_DAY_KPI_DEFAULTS,
  materialsFromChain: 0,
  materialsUploaded: 0,
  verifications: 0,
  licencesIssued: 0,
};
