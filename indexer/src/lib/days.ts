/**
 * Local days and working days from the indexed WorkingCalendar events only (the rules in
 * subgraph/schema.graphql, "Days"): the same answers as the contract's `workingDaysBetween`.
 */
import { BEIJING_OFFSET_SECONDS, dateOfDay, isoFromDate, isWeekendDay, localDayOf } from "@onewindow/sdk";

/** Beijing, the calendar's deployment default, until a TimeZoneSet is indexed. */
export const DEFAULT_OFFSET_SECONDS = BEIJING_OFFSET_SECONDS;

/** One year's exceptions to the weekday rule (YYYYMMDD). */
export type YearExceptions = { holidays: readonly number[]; makeupWorkdays: readonly number[] };

/** Loads a year's exceptions (undefined: the year was never set, weekday rule only). */
export type YearLoader = (year: number) => Promise<YearExceptions | undefined>;

/** The local day number of a Unix time. */
export function localDay(timestamp: bigint, offsetSeconds: number): number {
  return localDayOf(Number(timestamp), offsetSeconds);
}

/** Local date YYYYMMDD and its key `YYYY-MM-DD`. */
export function localDate(timestamp: bigint, offsetSeconds: number): { date: number; key: string } {
  const date = dateOfDay(localDay(timestamp, offsetSeconds));
  return { date, key: isoFromDate(date) };
}

/**
 * Working days d with localDay(from) < d <= localDay(to): the start day not counted, the end day
 * counted; 0 when `to` is not on a later day.
 */
export async function workingDaysBetween(
  from: bigint,
  to: bigint,
  offsetSeconds: number,
  loadYear: YearLoader,
): Promise<number> {
  const first = localDay(from, offsetSeconds);
  const last = localDay(to, offsetSeconds);
  const years = new Map<number, YearExceptions | undefined>();
  let count = 0;
  for (let day = first + 1; day <= last; day++) {
    const date = dateOfDay(day);
    const year = Math.floor(date / 10_000);
    if (!years.has(year)) years.set(year, await loadYear(year));
    const exceptions = years.get(year);
    let working = !isWeekendDay(day);
    if (exceptions?.makeupWorkdays.includes(date)) working = true;
    else if (exceptions?.holidays.includes(date)) working = false;
    if (working) count++;
  }
  return count;
}

/**
 * `counts` with one more `value` (a new array): entry d is how many values equal d, grown to
 * value + 1 when needed. Its size is bounded by the largest value, not by how many were counted,
 * so a KPI row stays small however many applications it counts (a sorted list of every value made
 * each update copy the whole list: the indexer slowed as the chain grew).
 */
export function countValue(counts: readonly number[], value: number): number[] {
  const out = [...counts];
  while (out.length <= value) out.push(0);
  out[value] = out[value]! + 1;
  return out;
}

/** How many values `counts` holds, and the lower median (index floor((n - 1) / 2) ascending; 0 when none). */
export function countsSummary(counts: readonly number[]): { n: number; lowerMedian: number } {
  const n = counts.reduce((sum, c) => sum + c, 0);
  const k = Math.floor((n - 1) / 2);
  let seen = 0;
  for (let d = 0; d < counts.length; d++) {
    seen += counts[d]!;
    if (seen > k) return { n, lowerMedian: d };
  }
  return { n, lowerMedian: 0 };
}

/** The KPI working-day fields after counting one more value (lower median, mean in hundredths, floor). */
export function withWorkingDays(
  row: { workingDaysCounts: readonly number[]; totalWorkingDays: number },
  value: number,
): {
  workingDaysCounts: number[];
  totalWorkingDays: number;
  medianWorkingDays: number;
  meanWorkingDaysHundredths: number;
} {
  const workingDaysCounts = countValue(row.workingDaysCounts, value);
  const totalWorkingDays = row.totalWorkingDays + value;
  const { n, lowerMedian } = countsSummary(workingDaysCounts);
  return {
    workingDaysCounts,
    totalWorkingDays,
    medianWorkingDays: lowerMedian,
    meanWorkingDaysHundredths: Math.floor((totalWorkingDays * 100) / n),
  };
}
