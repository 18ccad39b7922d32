import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";

import fc from "fast-check";

import { CalendarReference } from "../../../test/helpers/calendar-reference.ts";
import { WorkingDayCalendar } from "./calendar.ts";
import { CalendarArgumentError, CalendarDataError, CalendarYearNotLoadedError } from "../errors/calendar.ts";
import { parseCalendarFile } from "./year.ts";

const FILES = [2026, 2027].map((year) =>
  fileURLToPath(new URL(`../../../scripts/data/calendar/cn-${year}.json`, import.meta.url)),
);
const YEARS = FILES.map((file) => parseCalendarFile(readFileSync(file, "utf8"), file));
const BEIJING = 28_800;
const calendar = new WorkingDayCalendar({ years: YEARS });

/** Unix seconds of a Beijing wall-clock time, e.g. beijing("2026-02-12T10:00"). */
const beijing = (localTime: string) => Date.parse(`${localTime}:00+08:00`) / 1000;
/** The last second of a Beijing date. */
const endOf = (date: string) => beijing(`${date}T23:59`) + 59;

describe("WorkingDayCalendar", () => {
  it("follows the holidays and make-up days of 2026", () => {
    assert.equal(calendar.timeZoneOffsetSeconds, BEIJING);
    assert.deepEqual(calendar.years, [2026, 2027]);
    assert.equal(calendar.isWorkingDate(20260214), true); // Saturday, make-up day
    assert.equal(calendar.isWorkingDate(20260216), false); // Monday, Spring Festival
    assert.equal(calendar.isWorkingDate(20260215), false); // Sunday in the holiday
    assert.equal(calendar.isWorkingDate(20260224), true);
    assert.equal(calendar.isWorkingDate(20261001), false); // National Day
    assert.equal(calendar.isWorkingDate(20261010), true); // Saturday, make-up day
    assert.equal(calendar.isWorkingDay(beijing("2026-02-14T08:00")), true);
    assert.equal(calendar.isWorkingDay(endOf("2026-02-14") + 1), false);
  });

  it("adds working days across the Spring Festival, the start day never counted", () => {
    const start = beijing("2026-02-12T10:00");
    assert.equal(calendar.addWorkingDays(start, 1), endOf("2026-02-13"));
    assert.equal(calendar.addWorkingDays(start, 2), endOf("2026-02-14")); // make-up Saturday
    assert.equal(calendar.addWorkingDays(start, 3), endOf("2026-02-24"));
    assert.equal(calendar.addWorkingDays(start, 5), Date.parse("2026-02-26T15:59:59Z") / 1000);
    assert.equal(calendar.addWorkingDays(start, 7), endOf("2026-02-28")); // make-up Saturday
    assert.equal(calendar.addWorkingDays(start, 10), endOf("2026-03-04"));
    assert.deepEqual(
      calendar.addWorkingDaysMany(start, [5, 1, 10]),
      [5, 1, 10].map((n) => calendar.addWorkingDays(start, n)),
    );
    // A start on a holiday: the first working day after it.
    assert.equal(calendar.addWorkingDays(beijing("2026-02-16T09:00"), 1), endOf("2026-02-24"));
  });

  it("adds working days across the Mid-Autumn Festival and National Day with their make-up days", () => {
    const start = beijing("2026-09-18T10:00"); // Friday
    const expected: [number, string][] = [
      [1, "2026-09-20"], // make-up Sunday
      [5, "2026-09-24"],
      [6, "2026-09-28"], // after Fri 09-25 (Mid-Autumn) and the weekend
      [8, "2026-09-30"],
      [9, "2026-10-08"], // after National Day, 10-01 .. 10-07
      [11, "2026-10-10"], // make-up Saturday
      [12, "2026-10-12"],
    ];
    for (const [n, date] of expected) assert.equal(calendar.addWorkingDays(start, n), endOf(date), `${n} days`);
    assert.equal(calendar.addWorkingDays(beijing("2026-10-01T09:00"), 3), endOf("2026-10-10"));
    assert.equal(calendar.workingDaysBetween(beijing("2026-09-30T10:00"), beijing("2026-10-10T12:00")), 3);
  });

  it("counts working days between two times", () => {
    const start = beijing("2026-02-12T10:00");
    assert.equal(calendar.workingDaysBetween(start, beijing("2026-02-26T12:00")), 5);
    assert.equal(calendar.workingDaysBetween(start, endOf("2026-02-26")), 5);
    assert.equal(calendar.workingDaysBetween(start, beijing("2026-02-27T00:00")), 6);
    assert.equal(calendar.workingDaysBetween(beijing("2026-02-15T09:00"), beijing("2026-02-23T18:00")), 0);
    assert.equal(calendar.workingDaysBetween(start, beijing("2026-02-12T23:59")), 0);
    assert.equal(calendar.workingDaysBetween(start, beijing("2026-02-01T12:00")), 0);
    // Whole years: 261 weekdays each; 2026 has 19 weekday holidays and 6 make-up days, 2027 7 holidays.
    assert.equal(calendar.workingDaysBetween(endOf("2025-12-31"), endOf("2026-12-31")), 261 - 19 + 6);
    assert.equal(calendar.workingDaysBetween(endOf("2026-12-31"), endOf("2027-12-31")), 261 - 7);
  });

  it("uses the local day at midnight and follows the time zone", () => {
    const lateFriday = Date.parse("2026-02-13T15:30:00Z") / 1000; // 23:30 Beijing
    assert.equal(calendar.addWorkingDays(lateFriday, 1), endOf("2026-02-14"));
    assert.equal(calendar.addWorkingDays(lateFriday + 1800, 1), endOf("2026-02-24"));
    const utc = new WorkingDayCalendar({ years: YEARS, timeZoneOffsetSeconds: 0 });
    const saturdayEvening = Date.parse("2026-02-14T20:00:00Z") / 1000; // Sunday 04:00 in Beijing
    assert.equal(calendar.isWorkingDay(saturdayEvening), false);
    assert.equal(utc.isWorkingDay(saturdayEvening), true);
    assert.equal(utc.addWorkingDays(saturdayEvening, 1), Date.parse("2026-02-24T23:59:59Z") / 1000);
  });

  it("answers as an independent day-by-day model for random times and lengths", () => {
    const reference = new CalendarReference(FILES, BEIJING);
    const from = beijing("2026-01-01T00:00");
    const to = beijing("2027-09-30T23:59");
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 1, max: 60 }),
        (start, other, n) => {
          const deadline = calendar.addWorkingDays(start, n);
          assert.equal(deadline, reference.addWorkingDays(start, n));
          assert.equal(calendar.workingDaysBetween(start, deadline), n);
          assert.equal(calendar.workingDaysBetween(start, other), reference.workingDaysBetween(start, other));
          assert.equal(calendar.isWorkingDay(other), reference.isWorkingDay(other));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects lengths, times and dates the contract rejects", () => {
    const start = beijing("2026-03-02T10:00");
    assert.throws(() => calendar.addWorkingDays(start, 0), {
      name: "CalendarArgumentError",
      code: "CALENDAR_INVALID_LENGTH",
    });
    assert.throws(() => calendar.addWorkingDays(start, 1001), CalendarArgumentError);
    assert.throws(() => calendar.addWorkingDaysMany(start, [3, 0]), { code: "CALENDAR_INVALID_LENGTH" });
    assert.throws(() => calendar.addWorkingDays(-1, 1), { code: "CALENDAR_INVALID_TIMESTAMP" });
    assert.throws(() => calendar.isWorkingDate(20260230), { code: "CALENDAR_INVALID_DATE" });
    assert.throws(() => calendar.isWorkingDate(19691231), { code: "CALENDAR_INVALID_DATE" });
    assert.equal(calendar.workingDaysBetween(start, start - 86_400 * 400), 0);
  });

  it("refuses to count days of a year it was not given", () => {
    assert.throws(
      () => calendar.addWorkingDays(beijing("2027-12-20T10:00"), 30),
      (error: unknown) => {
        assert.ok(error instanceof CalendarYearNotLoadedError);
        assert.equal(error.year, 2028);
        assert.equal(error.code, "CALENDAR_YEAR_NOT_LOADED");
        assert.match(error.messages.zh, /2028/);
        return true;
      },
    );
    assert.throws(() => calendar.workingDaysBetween(beijing("2025-12-30T10:00"), beijing("2026-01-05T10:00")), {
      name: "CalendarYearNotLoadedError",
    });
    // The start day's status is never needed: 2025-12-31 may start a count.
    assert.equal(calendar.addWorkingDays(endOf("2025-12-31"), 1), endOf("2026-01-04")); // make-up Sunday
  });

  it("follows the weekday rule outside its years when asked to, as the contract does", () => {
    const contractLike = new WorkingDayCalendar({ years: YEARS, unloadedYears: "weekday-rule" });
    // Friday 2030-03-08: 1 -> Mon 11, 5 -> Fri 15, 6 -> Mon 18.
    const start = beijing("2030-03-08T09:00");
    assert.equal(contractLike.addWorkingDays(start, 1), endOf("2030-03-11"));
    assert.equal(contractLike.addWorkingDays(start, 6), endOf("2030-03-18"));
    assert.equal(contractLike.workingDaysBetween(start, beijing("2030-03-18T00:00")), 6);
    // West of UTC, Unix second 0 is 1969-12-31 10:00 local (a Wednesday, day -1).
    const west = new WorkingDayCalendar({
      years: [],
      timeZoneOffsetSeconds: -14 * 3600,
      unloadedYears: "weekday-rule",
    });
    assert.equal(west.isWorkingDay(0), true);
    assert.equal(west.addWorkingDays(0, 1), 86_400 + 14 * 3600 - 1);
    assert.equal(west.workingDaysBetween(0, 86_400 + 14 * 3600 - 1), 1);
  });

  it("checks its data when built", () => {
    assert.throws(() => new WorkingDayCalendar({ years: [YEARS[0]!, YEARS[0]!] }), {
      name: "CalendarDataError",
      path: "$.year",
    });
    assert.throws(
      () => new WorkingDayCalendar({ years: [{ year: 2026, holidays: [20260103], makeupWorkdays: [], source: "" }] }),
      CalendarDataError,
    );
    assert.throws(() => new WorkingDayCalendar({ years: [], timeZoneOffsetSeconds: 50_401 }), {
      code: "CALENDAR_INVALID_TIME_ZONE",
    });
    const schedule = calendar.schedule(2026)!;
    schedule.holidays.length = 0;
    assert.equal(calendar.schedule(2026)!.holidays.length, 19);
    assert.equal(calendar.schedule(2030), undefined);
  });
});
