// Shared helpers of the mappings: ids, the working-day calendar and the KPI entities, exactly as the
// rules in schema.graphql define them (integer arithmetic only).
import { BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";

import { Calendar, CalendarYear, DailyKpi, DepartmentKpi, MatterKpi } from "../generated/schema";
import { DEFAULT_OFFSET, initDailyKpi, initDepartmentKpi, initMatterKpi } from "./constants";

/** Seconds per day. */
const DAY: i64 = 86400;
export const CALENDAR_ID = "calendar";

/** Immutable per-event entity id: transaction hash ++ log index (4 bytes little-endian). */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

/** True when every byte is zero (a "none" bytes32 / address). */
export function isZero(bytes: Bytes): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] != 0) return false;
  return true;
}

/** Decimal string id of an on-chain uint. */
export function uintId(value: BigInt): string {
  return value.toString();
}

/** Step id "<applicationId hex>-<index>". */
export function stepId(applicationId: Bytes, index: i32): string {
  return applicationId.toHexString() + "-" + index.toString();
}

// ---------------------------------------------------------------- calendar

export function calendarOffset(): i64 {
  const calendar = Calendar.load(CALENDAR_ID);
  return calendar == null ? (DEFAULT_OFFSET as i64) : (calendar.timeZoneOffset as i64);
}

function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return a % b != 0 && a < 0 != b < 0 ? q - 1 : q;
}

/** Local day number (day 0 = 1970-01-01) of a Unix timestamp. */
export function localDay(timestamp: BigInt, offset: i64): i64 {
  return floorDiv(timestamp.toI64() + offset, DAY);
}

/** YYYYMMDD of a day number (proleptic Gregorian, Howard Hinnant's civil_from_days). */
export function ymdOfDay(day: i64): i32 {
  const z = day + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const d = doy - (153 * mp + 2) / 5 + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return (y * 10000 + m * 100 + d) as i32;
}

function pad(value: i32, width: i32): string {
  let text = value.toString();
  while (text.length < width) text = "0" + text;
  return text;
}

/** "YYYY-MM-DD" of a YYYYMMDD number. */
export function dateKey(ymd: i32): string {
  return pad(ymd / 10000, 4) + "-" + pad((ymd / 100) % 100, 2) + "-" + pad(ymd % 100, 2);
}

function contains(list: i32[], value: i32): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] == value) return true;
  return false;
}

/** Working days d with localDay(from) < d <= localDay(to), by the indexed calendar. */
export function workingDaysBetween(from: BigInt, to: BigInt): i32 {
  const offset = calendarOffset();
  const first = localDay(from, offset);
  const last = localDay(to, offset);
  let count: i32 = 0;
  let loadedYear: i32 = -1;
  let holidays: i32[] = [];
  let makeup: i32[] = [];
  for (let day = first + 1; day <= last; day++) {
    const ymd = ymdOfDay(day);
    const year = ymd / 10000;
    if (year != loadedYear) {
      loadedYear = year;
      const entry = CalendarYear.load(year.toString());
      holidays = entry == null ? [] : entry.holidays;
      makeup = entry == null ? [] : entry.makeupWorkdays;
    }
    let working: boolean;
    if (contains(makeup, ymd)) working = true;
    else if (contains(holidays, ymd)) working = false;
    else {
      const weekday = (((day + 4) % 7) + 7) % 7;
      working = weekday != 0 && weekday != 6;
    }
    if (working) count++;
  }
  return count;
}

// ---------------------------------------------------------------- KPI working-day counts

/**
 * `counts` with one more value: entry d is how many values equal d (a new array, grown to value + 1
 * when needed). Its size is bounded by the largest value, not by how many were counted.
 */
export function countValue(counts: i32[], value: i32): i32[] {
  const length = value + 1 > counts.length ? value + 1 : counts.length;
  const out: i32[] = [];
  for (let i = 0; i < length; i++) out.push(i < counts.length ? counts[i] : 0);
  out[value] = out[value] + 1;
  return out;
}

/** How many values `counts` holds. */
export function countOf(counts: i32[]): i32 {
  let n: i32 = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  return n;
}

/** Lower median of the values `counts` holds; 0 when none. */
export function lowerMedian(counts: i32[]): i32 {
  const n = countOf(counts);
  if (n == 0) return 0;
  const k = (n - 1) / 2;
  let seen: i32 = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen > k) return i;
  }
  return 0;
}

/** floor(total * 100 / n); 0 when n = 0. */
export function meanHundredths(total: i32, n: i32): i32 {
  return n == 0 ? 0 : ((((total as i64) * 100) / (n as i64)) as i32);
}

// ---------------------------------------------------------------- KPI entities

export function matterKpi(matterId: string): MatterKpi {
  let kpi = MatterKpi.load(matterId);
  if (kpi == null) {
    kpi = new MatterKpi(matterId);
    kpi.matter = matterId;
    initMatterKpi(kpi);
  }
  return kpi;
}

export function departmentKpi(departmentId: string): DepartmentKpi {
  let kpi = DepartmentKpi.load(departmentId);
  if (kpi == null) {
    kpi = new DepartmentKpi(departmentId);
    kpi.department = departmentId;
    initDepartmentKpi(kpi);
  }
  return kpi;
}

/** The DailyKpi of the local day of the event's block. */
export function dailyKpi(event: ethereum.Event): DailyKpi {
  const ymd = ymdOfDay(localDay(event.block.timestamp, calendarOffset()));
  const key = dateKey(ymd);
  let kpi = DailyKpi.load(key);
  if (kpi == null) {
    kpi = new DailyKpi(key);
    kpi.date = ymd;
    initDailyKpi(kpi);
  }
  return kpi;
}
