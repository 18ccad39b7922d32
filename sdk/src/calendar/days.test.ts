import assert from "node:assert/strict";
import { describe, it } from "node:test";

import fc from "fast-check";

import {
  checkTimestamp,
  checkTimeZone,
  checkWorkingDays,
  dateFromIso,
  dateOfDay,
  dayOfDate,
  endOfLocalDay,
  isoFromDate,
  isValidDate,
  isWeekendDay,
  localDateOf,
  localDayOf,
  weekdayOfDay,
} from "./days.ts";
import { CalendarArgumentError } from "../errors/calendar.ts";

const DAY_MS = 86_400_000;

describe("calendar days", () => {
  it("numbers days from 1970-01-01 (a Thursday) like the contract", () => {
    assert.equal(dayOfDate(19700101), 0);
    assert.equal(dayOfDate(19700103), 2);
    assert.equal(weekdayOfDay(0), 3); // Thursday (Monday = 0)
    assert.equal(isWeekendDay(2), true);
    assert.equal(dateOfDay(-1), 19691231);
    assert.equal(weekdayOfDay(-1), 2); // Wednesday
    assert.equal(dayOfDate(20260217), Date.UTC(2026, 1, 17) / DAY_MS);
    assert.equal(dayOfDate(20000229), Date.UTC(2000, 1, 29) / DAY_MS);
  });

  it("converts dates and day numbers both ways, as JavaScript's Date does", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 2_932_896 }), (day) => {
        const date = new Date(day * DAY_MS);
        const expected = date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
        assert.equal(dateOfDay(day), expected);
        assert.equal(dayOfDate(expected), day);
        assert.equal(isWeekendDay(day), date.getUTCDay() === 0 || date.getUTCDay() === 6);
      }),
    );
  });

  it("rejects dates that do not exist", () => {
    for (const date of [20260230, 20250229, 20261301, 20260000, 20260100, 19000229, 0, 20260101.5, -20260101]) {
      assert.equal(isValidDate(date), false, String(date));
    }
    assert.equal(isValidDate(20240229), true);
    assert.throws(() => dayOfDate(20260230), CalendarArgumentError);
  });

  it("reads and writes ISO dates", () => {
    assert.equal(dateFromIso("2026-02-17"), 20260217);
    assert.equal(dateFromIso("2026-2-17"), undefined);
    assert.equal(dateFromIso("2026-02-30"), undefined);
    assert.equal(dateFromIso("2026-02-17T00:00"), undefined);
    assert.equal(isoFromDate(20260217), "2026-02-17");
  });

  it("takes local days by floor division, also west of UTC before 1970", () => {
    const beijing = 28_800;
    const lateFriday = Date.parse("2026-02-13T15:30:00Z") / 1000; // 23:30 Beijing
    assert.equal(localDateOf(lateFriday, beijing), 20260213);
    assert.equal(localDateOf(lateFriday + 1800, beijing), 20260214);
    assert.equal(localDayOf(0, -14 * 3600), -1);
    assert.equal(localDayOf(0, 14 * 3600), 0);
    assert.equal(endOfLocalDay(dayOfDate(20260226), beijing), Date.parse("2026-02-26T15:59:59Z") / 1000);
    assert.equal(endOfLocalDay(0, -14 * 3600), 86_400 + 14 * 3600 - 1);
  });

  it("checks arguments against the contract's limits", () => {
    assert.throws(() => checkTimeZone(14 * 3600 + 1), { code: "CALENDAR_INVALID_TIME_ZONE" });
    assert.throws(() => checkTimeZone(0.5), { code: "CALENDAR_INVALID_TIME_ZONE" });
    checkTimeZone(-14 * 3600);
    assert.throws(() => checkTimestamp(-1), { code: "CALENDAR_INVALID_TIMESTAMP" });
    assert.throws(() => checkTimestamp(2 ** 40), { code: "CALENDAR_INVALID_TIMESTAMP" });
    assert.throws(() => checkTimestamp(1.5), { code: "CALENDAR_INVALID_TIMESTAMP" });
    assert.throws(
      () => checkWorkingDays(0),
      (error: unknown) => {
        assert.ok(error instanceof CalendarArgumentError);
        assert.equal(error.code, "CALENDAR_INVALID_LENGTH");
        assert.equal(error.contractError, "WorkingCalendarInvalidLength");
        assert.match(error.messages.zh, /工作日数无效/);
        return true;
      },
    );
    assert.throws(() => checkWorkingDays(1001), { code: "CALENDAR_INVALID_LENGTH" });
    checkWorkingDays(1000);
  });
});
