import type { AuditClient } from "./client.ts";
import { fetchAll } from "./query.ts";
import { DAILY_KPI_FIELDS, type DailyKpiRecord } from "./records.ts";

export type GetDailyKpisReturnType = DailyKpiRecord[];

/**
 * Applications submitted and completed per local day (the calendar's time zone), oldest first.
 *
 * @throws {AuditQueryError} if the query fails.
 *
 * @example
 * const days = await getDailyKpis(audit);
 */
export async function getDailyKpis(client: AuditClient): Promise<GetDailyKpisReturnType> {
  const rows = await fetchAll(client, { plural: "dailyKpis", fields: DAILY_KPI_FIELDS, orderBy: "date" });
  return (rows as unknown as DailyKpiRecord[]).sort((a, b) => a.date - b.date);
}
