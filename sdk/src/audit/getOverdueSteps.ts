import { BEIJING_OFFSET_SECONDS } from "../calendar/days.ts";
import type { AuditClient } from "./client.ts";
import { AuditQueryError } from "./client.ts";
import { checkSeconds, chronological, fetchAll } from "./query.ts";
import { OVERDUE_FLAG_FIELDS, type OverdueFlagRecord } from "./records.ts";

export type GetOverdueStepsParameters = {
  /** From this Unix second (inclusive), e.g. `monthRange(...).from`. */
  from: bigint;
  /** Until this Unix second (exclusive). */
  to: bigint;
};

/** Overdue flags of one department in the period. */
export type DepartmentOverdue = {
  department: string;
  /** Flags raised (a step flagged in two rounds counts twice). */
  flags: number;
  /** Distinct steps flagged (`<applicationId>-<index>`). */
  steps: string[];
  records: OverdueFlagRecord[];
};

export type GetOverdueStepsReturnType = DepartmentOverdue[];

/**
 * Steps flagged overdue in a period, grouped by department (departments by id).
 *
 * @throws {AuditQueryError} if the period is invalid or the query fails.
 *
 * @example
 * const { from, to } = monthRange({ timestamp: BigInt(Math.floor(Date.now() / 1000)) });
 * const byDepartment = await getOverdueSteps(audit, { from, to });
 */
export async function getOverdueSteps(
  client: AuditClient,
  parameters: GetOverdueStepsParameters,
): Promise<GetOverdueStepsReturnType> {
  const from = checkSeconds("from", parameters.from);
  const to = checkSeconds("to", parameters.to);
  if (to <= from) {
    throw new AuditQueryError(
      `The period is empty: "to" (${to}) must be after "from" (${from}).`,
      `时间段为空："to"（${to}）必须晚于 "from"（${from}）。`,
    );
  }
  const rows = await fetchAll(client, {
    plural: "overdueFlags",
    fields: OVERDUE_FLAG_FIELDS,
    where: { timestamp_gte: from, timestamp_lt: to },
    orderBy: "timestamp",
  });
  const groups = new Map<string, OverdueFlagRecord[]>();
  for (const record of chronological(rows as unknown as OverdueFlagRecord[])) {
    groups.set(record.department, [...(groups.get(record.department) ?? []), record]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([department, records]) => ({
      department,
      flags: records.length,
      steps: [...new Set(records.map((r) => r.step))],
      records,
    }));
}

/**
 * The local calendar month containing `timestamp` as [from, to) in Unix seconds, in the calendar's
 * time zone (default UTC+8, Beijing).
 *
 * @example
 * monthRange({ timestamp: 1795478400n }); // { from: …, to: … } of that month in Beijing
 */
export function monthRange(parameters: { timestamp: bigint; timeZoneOffset?: number }): { from: bigint; to: bigint } {
  const offset = parameters.timeZoneOffset ?? BEIJING_OFFSET_SECONDS;
  const local = new Date((Number(checkSeconds("timestamp", parameters.timestamp)) + offset) * 1000);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) / 1000 - offset;
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 1) / 1000 - offset;
  return { from: BigInt(start), to: BigInt(end) };
}
