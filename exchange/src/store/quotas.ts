/**
 * The daily quota of disclosures and predicate answers per department (`quota_usage`), counted in
 * the database so it holds across restarts and across processes sharing a PostgreSQL database.
 */
import type { Queryable } from "../db/index.ts";

/** Counts one use today (UTC); `false` when the department has used `dailyQuota` already. */
export async function takeDailyQuota(tx: Queryable, departmentId: number, dailyQuota: number): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO quota_usage (department_id, day, used) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, 1)
     ON CONFLICT (department_id, day) DO UPDATE SET used = quota_usage.used + 1 WHERE quota_usage.used < $2
     RETURNING used`,
    [departmentId, dailyQuota],
  );
  return rows.length > 0 && dailyQuota >= 1;
}
