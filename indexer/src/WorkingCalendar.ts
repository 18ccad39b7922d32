/** WorkingCalendar: the time zone and each year's holidays and make-up working days. */
import { ponder } from "./lib/registry.ts";
import { Calendar, CalendarYear } from "ponder:schema";

ponder.on("WorkingCalendar:TimeZoneSet", async ({ event, context }) => {
  await context.db
    .insert(Calendar)
    .values({ id: "calendar", timeZoneOffset: event.args.offsetSeconds, updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ timeZoneOffset: event.args.offsetSeconds, updatedAt: event.block.timestamp });
});

ponder.on("WorkingCalendar:YearSet", async ({ event, context }) => {
  const values = {
    year: event.args.year,
    holidays: [...event.args.holidays],
    makeupWorkdays: [...event.args.makeupWorkdays],
    source: event.args.source,
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(CalendarYear)
    .values({ id: String(event.args.year), ...values })
    .onConflictDoUpdate(values);
});
