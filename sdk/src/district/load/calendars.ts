/** The step of `loadDistrict` that sets the working calendar's years. */
import { setCalendarYear } from "../../actions/calendar/setCalendarYear.ts";
import { parseCalendarFile } from "../../calendar/year.ts";
import type { DistrictLoad } from "./state.ts";

/** Sets the calendar years of the plan (those the chain does not have with the same days and source). */
export async function loadCalendars(load: DistrictLoad): Promise<void> {
  const { client, report } = load;
  const planned = new Set(load.changes.filter((c) => c.kind === "calendar").map((c) => c.code));
  await Promise.all(
    (load.data.calendars ?? []).map(async (file, i) => {
      const year = parseCalendarFile(file, `calendars[${i}]`);
      if (!planned.has(String(year.year))) return report("calendar", String(year.year));
      report("calendar", String(year.year), (await setCalendarYear(client, year)).hash);
    }),
  );
}

export function sameDates(a: readonly number[], b: readonly number[]): boolean {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.length === y.length && x.every((value, i) => value === y[i]);
}
