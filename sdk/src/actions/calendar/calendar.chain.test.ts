import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";

import fc from "fast-check";

import { addWorkingDaysManyOnChain } from "./addWorkingDaysManyOnChain.ts";
import { addWorkingDaysOnChain } from "./addWorkingDaysOnChain.ts";
import { getCalendarYear } from "./getCalendarYear.ts";
import { getTimeZone } from "./getTimeZone.ts";
import { isWorkingDayOnChain } from "./isWorkingDayOnChain.ts";
import { loadCalendar } from "./loadCalendar.ts";
import { setCalendarYear } from "./setCalendarYear.ts";
import { setTimeZone } from "./setTimeZone.ts";
import { workingDaysBetweenOnChain } from "./workingDaysBetweenOnChain.ts";
import type { WorkingDayCalendar } from "../../calendar/calendar.ts";
import { BEIJING_OFFSET_SECONDS } from "../../calendar/days.ts";
import { CalendarArgumentError, CalendarDataError, CalendarYearNotLoadedError } from "../../errors/calendar.ts";
import { parseCalendarFile, type CalendarFileYear } from "../../calendar/year.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { admin, newAccount, readOnlyClient } from "@onewindow/testkit/test-chain";

const [YEAR_2026, YEAR_2027] = [2026, 2027].map((year) =>
  parseCalendarFile(
    readFileSync(new URL(`../../../../scripts/data/calendar/cn-${year}.json`, import.meta.url), "utf8"),
    `cn-${year}.json`,
  ),
) as [CalendarFileYear, CalendarFileYear];

/** Unix seconds of a Beijing wall-clock time, e.g. beijing("2026-02-12T10:00"). */
const beijing = (localTime: string) => Date.parse(`${localTime}:00+08:00`) / 1000;
/** The last second of a Beijing date. */
const endOf = (date: string) => beijing(`${date}T23:59`) + 59;

/** Expects a decoded `AccessManagedUnauthorized` naming `caller`. */
function isUnauthorized(caller: string) {
  return (error: unknown) => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, "AccessManagedUnauthorized");
    assert.equal((error.args[0] as string).toLowerCase(), caller.toLowerCase());
    assert.match(error.messages.zh, /无权/);
    return true;
  };
}

describe("working calendar on chain", () => {
  before(async () => {
    // The deployment may hold no calendar years; other files share the chain, so set them here
    // (setting a year again replaces it with the same schedule).
    await Promise.all([
      setCalendarYear(admin, YEAR_2026),
      setCalendarYear(admin, YEAR_2027),
      setTimeZone(admin, { offsetSeconds: BEIJING_OFFSET_SECONDS }),
    ]);
  });

  describe("setCalendarYear / getCalendarYear", () => {
    it("sets a year from the calendar file and reads it back; setting it again is harmless", async () => {
      const { schedule } = await setCalendarYear(admin, YEAR_2026);
      assert.deepEqual(schedule, {
        year: 2026,
        holidays: YEAR_2026.holidays,
        makeupWorkdays: YEAR_2026.makeupWorkdays,
        source: YEAR_2026.source,
      });
      const stored = await getCalendarYear(readOnlyClient(), { year: 2026 });
      assert.deepEqual(stored, { ...schedule, isSet: true });
      assert.equal(await isWorkingDayOnChain(admin, { date: 20260214 }), true); // make-up Saturday
      assert.equal(await isWorkingDayOnChain(admin, { date: 20260216 }), false); // Spring Festival
    });

    it("reports a year never set", async () => {
      const unset = await getCalendarYear(admin, { year: 2199 });
      assert.deepEqual(unset, { year: 2199, holidays: [], makeupWorkdays: [], source: "", isSet: false });
    });

    it("rejects an unauthorised caller with a decoded contract error", async () => {
      const stranger = await newAccount();
      await assert.rejects(setCalendarYear(stranger.client, YEAR_2027), isUnauthorized(stranger.address));
      await assert.rejects(
        setTimeZone(stranger.client, { offsetSeconds: BEIJING_OFFSET_SECONDS }),
        isUnauthorized(stranger.address),
      );
    });

    it("rejects malformed year data before sending anything", async () => {
      const stranger = await newAccount();
      // Had these been sent, the stranger would get AccessManagedUnauthorized instead.
      await assert.rejects(
        setCalendarYear(stranger.client, { ...YEAR_2026, holidays: [...YEAR_2026.holidays, 20260103] }),
        (error: unknown) => {
          assert.ok(error instanceof CalendarDataError);
          assert.equal(error.path, "$.holidays[19]");
          assert.equal(error.contractError, "WorkingCalendarNotAnException");
          assert.match(error.reason, /Saturday/);
          return true;
        },
      );
      await assert.rejects(setCalendarYear(stranger.client, { ...YEAR_2026, year: 2027 }), {
        name: "CalendarDataError",
        contractError: "WorkingCalendarInvalidDate",
      });
      await assert.rejects(setTimeZone(stranger.client, { offsetSeconds: 15 * 3600 }), CalendarArgumentError);
      assert.equal(await stranger.client.public.getTransactionCount({ address: stranger.address }), 0);
    });
  });

  describe("setTimeZone", () => {
    it("sets the offset and counts local days in it", async () => {
      const saturdayEvening = Date.parse("2026-02-14T20:00:00Z") / 1000; // Sunday 04:00 in Beijing
      try {
        const { offsetSeconds } = await setTimeZone(admin, { offsetSeconds: 0 });
        assert.equal(offsetSeconds, 0);
        assert.equal(await getTimeZone(admin), 0);
        assert.equal(await isWorkingDayOnChain(admin, { timestamp: saturdayEvening }), true); // make-up Saturday
      } finally {
        await setTimeZone(admin, { offsetSeconds: BEIJING_OFFSET_SECONDS });
      }
      assert.equal(await getTimeZone(admin), BEIJING_OFFSET_SECONDS);
      assert.equal(await isWorkingDayOnChain(admin, { timestamp: saturdayEvening }), false);
    });
  });

  describe("loadCalendar", () => {
    it("reads the years back into a calendar that answers as the contract", async () => {
      const calendar = await loadCalendar(readOnlyClient(), { years: [2026, 2027] });
      assert.equal(calendar.timeZoneOffsetSeconds, BEIJING_OFFSET_SECONDS);
      assert.deepEqual(calendar.years, [2026, 2027]);
      assert.deepEqual(calendar.schedule(2027)?.holidays, YEAR_2027.holidays);
      assert.equal(calendar.schedule(2026)?.source, YEAR_2026.source);
    });

    it("refuses a year never set unless told to follow the weekday rule", async () => {
      await assert.rejects(loadCalendar(admin, { years: [2026, 2199] }), (error: unknown) => {
        assert.ok(error instanceof CalendarYearNotLoadedError);
        assert.equal(error.code, "CALENDAR_YEAR_NOT_SET");
        assert.equal(error.year, 2199);
        return true;
      });
      const calendar = await loadCalendar(admin, { years: [2199], unsetYears: "weekday-rule" });
      assert.equal(calendar.isWorkingDate(21990107), true); // a Monday
      assert.equal(calendar.isWorkingDate(21990105), false); // a Saturday
    });
  });

  describe("the TypeScript calendar and the contract", () => {
    let calendar: WorkingDayCalendar;
    before(async () => {
      // Counts from late 2027 run into 2028, and counts from 2026-01-01 look at nothing before it:
      // read 2025 to 2028 as the contract sees them (a year never set follows the weekday rule).
      calendar = await loadCalendar(admin, {
        years: [2025, 2026, 2027, 2028],
        unsetYears: "weekday-rule",
      });
    });

    it("agree across the Spring Festival and National Day with their make-up days", async () => {
      const cases: { start: string; expected: [number, string][] }[] = [
        {
          start: "2026-02-12T10:00", // Thursday before the Spring Festival
          expected: [
            [1, "2026-02-13"],
            [2, "2026-02-14"], // make-up Saturday
            [3, "2026-02-24"], // after 02-15 .. 02-23 off
            [5, "2026-02-26"],
            [7, "2026-02-28"], // make-up Saturday
            [10, "2026-03-04"],
          ],
        },
        { start: "2026-02-16T09:00", expected: [[1, "2026-02-24"]] }, // a start on a holiday
        {
          start: "2026-09-18T10:00", // Friday before the make-up Sunday 09-20
          expected: [
            [1, "2026-09-20"],
            [6, "2026-09-28"], // after the Mid-Autumn Festival, 09-25 .. 09-27
            [8, "2026-09-30"],
            [9, "2026-10-08"], // after National Day, 10-01 .. 10-07
            [11, "2026-10-10"], // make-up Saturday
            [12, "2026-10-12"],
          ],
        },
        { start: "2026-10-01T09:00", expected: [[3, "2026-10-10"]] },
      ];
      await Promise.all(
        cases.map(async ({ start, expected }) => {
          const from = beijing(start);
          const lengths = expected.map(([n]) => n);
          const onChain = await addWorkingDaysManyOnChain(admin, { start: from, workingDays: lengths });
          assert.deepEqual(
            onChain,
            expected.map(([, date]) => endOf(date)),
            start,
          );
          assert.deepEqual(calendar.addWorkingDaysMany(from, lengths), onChain, start);
          assert.equal(await addWorkingDaysOnChain(admin, { start: from, workingDays: lengths[0]! }), onChain[0]);
        }),
      );
      const between = { from: beijing("2026-09-30T10:00"), to: beijing("2026-10-10T12:00") };
      assert.equal(await workingDaysBetweenOnChain(admin, between), 3);
      assert.equal(calendar.workingDaysBetween(between.from, between.to), 3);
      const year2026 = { from: endOf("2025-12-31"), to: endOf("2026-12-31") };
      assert.equal(await workingDaysBetweenOnChain(admin, year2026), 248);
      assert.equal(calendar.workingDaysBetween(year2026.from, year2026.to), 248);
    });

    it("agree on random dates in 2026 and 2027 and lengths of 0 to 60 working days", async () => {
      const first = beijing("2026-01-01T00:00");
      const last = endOf("2027-12-31");
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: first, max: last }),
          fc.integer({ min: first, max: last }),
          fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
          fc.integer({ min: 0, max: 60 }),
          async (start, other, lengths, single) => {
            const [many, one, between, working] = await Promise.all([
              addWorkingDaysManyOnChain(admin, { start, workingDays: lengths }),
              addWorkingDaysOnChain(admin, { start, workingDays: single }).catch((error: unknown) => error),
              workingDaysBetweenOnChain(admin, { from: start, to: other }),
              isWorkingDayOnChain(admin, { timestamp: other }),
            ]);
            assert.deepEqual(calendar.addWorkingDaysMany(start, lengths), many);
            assert.equal(calendar.workingDaysBetween(start, other), between);
            assert.equal(calendar.isWorkingDay(other), working);
            if (single === 0) {
              // Both refuse a length of 0, with the same contract error.
              assert.ok(one instanceof ContractRevertError);
              assert.equal(one.errorName, "WorkingCalendarInvalidLength");
              assert.throws(
                () => calendar.addWorkingDays(start, single),
                (error: unknown) => error instanceof CalendarArgumentError && error.contractError === one.errorName,
              );
            } else {
              assert.equal(calendar.addWorkingDays(start, single), one);
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
