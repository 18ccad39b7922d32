/** The step of `loadDistrict` that sets the working calendar's years. */
import { getCalendarYear } from "../../actions/calendar/getCalendarYear.ts";
import { setCalendarYear } from "../../actions/calendar/setCalendarYear.ts";
import { parseCalendarFile } from "../../calendar/year.ts";
import type { DistrictLoad } from "./state.ts";

/** Sets each calendar year of the data, unless the chain has it already with the same days and source. */
export async function loadCalendars(load: DistrictLoad): Promise<void> {
  const { client, report } = load;
  await Promise.all(
    (load.data.calendars ?? []).map(async (file, i) => {
      const year = parseCalendarFile(file, `calendars[${i}]`);
      const current = await getCalendarYear(client, { year: year.year });
      if (
        current.isSet &&
        sameDates(current.holidays, year.holidays) &&
        sameDates(current.makeupWorkdays, year.makeupWorkdays) &&
        current.source === year.source
      ) {
        return report("calendar", String(year.year));
      }
      report("calendar", String(year.year), (await setCalendarYear(client, year)).hash);
    }),
  );
}

function sameDates(a: readonly number[], b: readonly number[]): boolean {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.length === y.length && x.every((value, i) => value === y[i]);
}
