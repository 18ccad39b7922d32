import { TimeZoneSet, YearSet } from "../../generated/WorkingCalendar/WorkingCalendar";
import { int, mockEvent, text, uint, uintArray } from "./events";

export function createTimeZoneSetEvent(offsetSeconds: i32, timestamp: i64): TimeZoneSet {
  return changetype<TimeZoneSet>(mockEvent(timestamp, [int("offsetSeconds", offsetSeconds)]));
}

export function createYearSetEvent(year: i32, holidays: i64[], makeupWorkdays: i64[], timestamp: i64): YearSet {
  return changetype<YearSet>(
    mockEvent(timestamp, [
      uint("year", year),
      uintArray("holidays", holidays),
      uintArray("makeupWorkdays", makeupWorkdays),
      text("source", "国务院办公厅 State Council"),
    ]),
  );
}
