import type { AuditClient } from "./client.ts";
import { AuditQueryError } from "./client.ts";
import { fetchAll, type FieldSpec } from "./query.ts";

export type GetMatterSavingsParameters = {
  /** Only these matters (decimal ids); default every matter with applications. */
  matterIds?: readonly string[];
};

/** What the reform saved on one matter, from the indexer's KPIs (docs/audit.md). */
export type MatterSavings = {
  matter: string;
  code: string;
  name: string;
  applications: number;
  completed: number;
  /** Materials pulled from the chain instead of carried. */
  materialsFromChain: number;
  materialsUploaded: number;
  /** Sum over applications of the materials required before the reform. */
  baselineMaterials: number;
  /** baselineMaterials − materialsUploaded. */
  materialsSaved: number;
  /** Working days of completed applications (clock stopped while with the applicant). */
  totalWorkingDays: number;
  medianWorkingDays: number;
  /** Mean in hundredths of a day (floor). */
  meanWorkingDaysHundredths: number;
  /** Sum over completed applications of the statutory working days before the reform. */
  baselineWorkingDays: number;
  /** baselineWorkingDays − totalWorkingDays. */
  workingDaysSaved: number;
  /** Sum over completed applications of the in-person visits before / after. */
  baselineVisits: number;
  visits: number;
  visitsSaved: number;
  deadlinesMet: number;
  deadlinesMissed: number;
};

export type GetMatterSavingsReturnType = MatterSavings[];

const KPI_FIELDS = {
  id: "s",
  applications: "i",
  completed: "i",
  materialsFromChain: "i",
  materialsUploaded: "i",
  baselineMaterials: "i",
  totalWorkingDays: "i",
  medianWorkingDays: "i",
  meanWorkingDaysHundredths: "i",
  baselineWorkingDays: "i",
  baselineVisits: "i",
  visits: "i",
  deadlinesMet: "i",
  deadlinesMissed: "i",
} as const satisfies FieldSpec;

const MATTER_FIELDS = { id: "s", code: "s", name: "s" } as const satisfies FieldSpec;

type KpiRow = { [K in keyof typeof KPI_FIELDS]: K extends "id" ? string : number };

/**
 * Material and time savings per matter: materials pulled from the chain vs uploaded vs required
 * before the reform, working days taken vs statutory before, visits, deadlines met and missed.
 *
 * @throws {AuditQueryError} if a matter id is malformed or the query fails.
 *
 * @example
 * const savings = await getMatterSavings(audit, {});
 */
export async function getMatterSavings(
  client: AuditClient,
  parameters: GetMatterSavingsParameters = {},
): Promise<GetMatterSavingsReturnType> {
  for (const id of parameters.matterIds ?? []) {
    if (!/^[1-9][0-9]{0,9}$/.test(id)) {
      throw new AuditQueryError(
        `Matter id must be a decimal number like "12", got ${JSON.stringify(id)}.`,
        `事项编号必须是十进制数字，例如 "12"，而不是 ${JSON.stringify(id)}。`,
      );
    }
  }
  const [kpis, matters] = await Promise.all([
    fetchAll(client, { plural: "matterKpis", fields: KPI_FIELDS, orderBy: "id" }),
    fetchAll(client, { plural: "matters", fields: MATTER_FIELDS, orderBy: "id" }),
  ]);
  const names = new Map(matters.map((m) => [m.id as string, m as { code: string; name: string }]));
  const wanted = parameters.matterIds ? new Set(parameters.matterIds) : undefined;
  return (kpis as unknown as KpiRow[])
    .filter((k) => wanted === undefined || wanted.has(k.id))
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((k) => ({
      matter: k.id,
      code: names.get(k.id)?.code ?? "",
      name: names.get(k.id)?.name ?? "",
      applications: k.applications,
      completed: k.completed,
      materialsFromChain: k.materialsFromChain,
      materialsUploaded: k.materialsUploaded,
      baselineMaterials: k.baselineMaterials,
      materialsSaved: k.baselineMaterials - k.materialsUploaded,
      totalWorkingDays: k.totalWorkingDays,
      medianWorkingDays: k.medianWorkingDays,
      meanWorkingDaysHundredths: k.meanWorkingDaysHundredths,
      baselineWorkingDays: k.baselineWorkingDays,
      workingDaysSaved: k.baselineWorkingDays - k.totalWorkingDays,
      baselineVisits: k.baselineVisits,
      visits: k.visits,
      visitsSaved: k.baselineVisits - k.visits,
      deadlinesMet: k.deadlinesMet,
      deadlinesMissed: k.deadlinesMissed,
    }));
}
