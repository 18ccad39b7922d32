/** Shared reads and KPI updates of the handlers (no chain calls: events only). */
import { DAILY_KPI_DEFAULTS, DEPARTMENT_KPI_DEFAULTS, MATTER_KPI_DEFAULTS } from "@onewindow/sdk";
import type { Context } from "ponder:registry";
import { Calendar, CalendarYear, DailyKpi, DepartmentKpi, MatterKpi } from "ponder:schema";

import { DEFAULT_OFFSET_SECONDS, localDate, workingDaysBetween as between, type YearLoader } from "./days.ts";

export type Db = Context["db"];

type MatterKpiRow = typeof MatterKpi.$inferSelect;
type DepartmentKpiRow = typeof DepartmentKpi.$inferSelect;
type DailyKpiRow = typeof DailyKpi.$inferSelect;

/** The calendar's time-zone offset as indexed (28800 until a TimeZoneSet). */
export async function calendarOffset(db: Db): Promise<number> {
  return (await db.find(Calendar, { id: "calendar" }))?.timeZoneOffset ?? DEFAULT_OFFSET_SECONDS;
}

/** Loads a calendar year's exceptions from the indexed YearSet events. */
export function yearLoader(db: Db): YearLoader {
  return async (year) => {
    const row = await db.find(CalendarYear, { id: String(year) });
    return row ? { holidays: row.holidays, makeupWorkdays: row.makeupWorkdays } : undefined;
  };
}

/** Working days between two block timestamps, by the indexed calendar. */
export async function workingDaysBetween(db: Db, from: bigint, to: bigint): Promise<number> {
  return between(from, to, await calendarOffset(db), yearLoader(db));
}

/** Applies `change` to a matter's KPI row (created with zeros on first need; one read of the row, not two). */
export async function bumpMatterKpi(
  db: Db,
  matterId: string,
  change: (row: MatterKpiRow) => Partial<Omit<MatterKpiRow, "id">>,
): Promise<void> {
  const fresh: MatterKpiRow = { id: matterId, matter: matterId, ...MATTER_KPI_DEFAULTS };
  await db
    .insert(MatterKpi)
    .values({ ...fresh, ...change(fresh) })
    .onConflictDoUpdate((row) => change(row));
}

/** Applies `change` to a department's KPI row (created with zeros on first need; one read of the row, not two). */
export async function bumpDepartmentKpi(
  db: Db,
  departmentId: string,
  change: (row: DepartmentKpiRow) => Partial<Omit<DepartmentKpiRow, "id">>,
): Promise<void> {
  const fresh: DepartmentKpiRow = { id: departmentId, department: departmentId, ...DEPARTMENT_KPI_DEFAULTS };
  await db
    .insert(DepartmentKpi)
    .values({ ...fresh, ...change(fresh) })
    .onConflictDoUpdate((row) => change(row));
}

/** Applies `change` to the KPI row of the local day of `timestamp` (created with zeros on first need; one read of the row, not two). */
export async function bumpDailyKpi(
  db: Db,
  timestamp: bigint,
  change: (row: DailyKpiRow) => Partial<Omit<DailyKpiRow, "id">>,
): Promise<void> {
  const { date, key } = localDate(timestamp, await calendarOffset(db));
  const fresh: DailyKpiRow = { id: key, date, ...DAILY_KPI_DEFAULTS };
  await db
    .insert(DailyKpi)
    .values({ ...fresh, ...change(fresh) })
    .onConflictDoUpdate((row) => change(row));
}

/** Block, time, transaction and log index of an event, as immutable entities store them. */
export function eventMeta(event: {
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: string };
  log: { logIndex: number };
}) {
  return {
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash.toLowerCase() as `0x${string}`,
    logIndex: event.log.logIndex,
  };
}
