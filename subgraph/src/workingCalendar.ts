// WorkingCalendar events → Calendar, CalendarYear (what the working-day KPIs count with).
import { TimeZoneSet, YearSet } from "../generated/WorkingCalendar/WorkingCalendar";
import { Calendar, CalendarYear } from "../generated/schema";
import { CALENDAR_ID } from "./common";

export function handleTimeZoneSet(event: TimeZoneSet): void {
  const calendar = new Calendar(CALENDAR_ID);
  calendar.timeZoneOffset = event.params.offsetSeconds;
  calendar.updatedAt = event.block.timestamp;
  calendar.save();
}

export function handleYearSet(event: YearSet): void {
  const year = new CalendarYear(event.params.year.toString());
  year.year = event.params.year;
  const holidays: i32[] = [];
  for (let i = 0; i < event.params.holidays.length; i++) holidays.push(event.params.holidays[i].toI32());
  const makeup: i32[] = [];
  for (let i = 0; i < event.params.makeupWorkdays.length; i++) makeup.push(event.params.makeupWorkdays[i].toI32());
  year.holidays = holidays;
  year.makeupWorkdays = makeup;
  year.source = event.params.source;
  year.updatedAt = event.block.timestamp;
  year.save();
}
