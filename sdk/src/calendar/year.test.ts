import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { CalendarDataError } from "../errors/calendar.ts";
import { parseCalendarFile, validateCalendarYear, type CalendarFile } from "./year.ts";

const fileOf = (year: number) => new URL(`../../../scripts/data/calendar/cn-${year}.json`, import.meta.url);
const text2026 = readFileSync(fileOf(2026), "utf8");
const file2026 = JSON.parse(text2026) as CalendarFile;

/** Expects a CalendarDataError at `path` whose reason matches `reason`. */
function assertDataError(run: () => unknown, path: string, reason: RegExp, contractError?: string) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof CalendarDataError, String(error));
    assert.equal(error.code, "CALENDAR_DATA_INVALID");
    assert.equal(error.path, path);
    assert.match(error.reason, reason);
    assert.equal(error.contractError, contractError);
    assert.match(error.messages.zh, /工作日历数据无效/);
    return true;
  });
}

describe("parseCalendarFile", () => {
  it("reads the shipped 2026 and 2027 files as YYYYMMDD numbers", () => {
    const year = parseCalendarFile(text2026, "cn-2026.json");
    assert.equal(year.year, 2026);
    assert.equal(year.status, "official");
    assert.equal(year.timeZoneOffsetSeconds, 28_800);
    assert.equal(year.holidays.length, 19);
    assert.ok(year.holidays.includes(20260216) && year.holidays.includes(20261007));
    assert.deepEqual(year.makeupWorkdays, [20260104, 20260214, 20260228, 20260509, 20260920, 20261010]);
    const provisional = parseCalendarFile(JSON.parse(readFileSync(fileOf(2027), "utf8")), "cn-2027.json");
    assert.equal(provisional.status, "provisional");
    assert.deepEqual(provisional.makeupWorkdays, []);
    assert.deepEqual(provisional.holidays, [20270101, 20270205, 20270208, 20270405, 20270609, 20270915, 20271001]);
  });

  it("names the bad value of a malformed file", () => {
    const withChange = (change: Record<string, unknown>) => ({ ...file2026, ...change });
    assertDataError(() => parseCalendarFile("{", "x.json"), "$", /not JSON/);
    assertDataError(() => parseCalendarFile([]), "$", /object/);
    assertDataError(() => parseCalendarFile(withChange({ makeupWorkday: [] })), "$.makeupWorkday", /unknown key/);
    assertDataError(() => parseCalendarFile(withChange({ year: "2026" })), "$.year", /number/);
    assertDataError(
      () => parseCalendarFile(withChange({ year: 1969 })),
      "$.year",
      /1970 to 2200/,
      "WorkingCalendarInvalidYear",
    );
    assertDataError(() => parseCalendarFile(withChange({ source: "" })), "$.source", /non-empty/);
    assertDataError(() => parseCalendarFile(withChange({ status: "draft" })), "$.status", /official/);
    assertDataError(
      () => parseCalendarFile(withChange({ timeZoneOffsetSeconds: 90_000 })),
      "$.timeZoneOffsetSeconds",
      /14 hours/,
    );
    assertDataError(() => parseCalendarFile(withChange({ holidays: "2026-01-01" })), "$.holidays", /array/);
    assertDataError(() => parseCalendarFile(withChange({ notes: [1] })), "$.notes", /strings/);
    assertDataError(
      () => parseCalendarFile(withChange({ holidays: ["2026-01-01", "2026-02-30"] })),
      "$.holidays[1]",
      /"2026-02-30" is not a date/,
    );
    assertDataError(
      () => parseCalendarFile(withChange({ holidays: ["2027-01-01"] })),
      "$.holidays[0]",
      /2027-01-01 is not a date of 2026/,
      "WorkingCalendarInvalidDate",
    );
    assertDataError(
      () => parseCalendarFile(withChange({ holidays: ["2026-01-03"] })),
      "$.holidays[0]",
      /2026-01-03 is a Saturday: a holiday must be a weekday/,
      "WorkingCalendarNotAnException",
    );
    assertDataError(
      () => parseCalendarFile(withChange({ makeupWorkdays: ["2026-01-05"] })),
      "$.makeupWorkdays[0]",
      /2026-01-05 is a Monday: a make-up working day must be a Saturday or Sunday/,
      "WorkingCalendarNotAnException",
    );
    assertDataError(
      () => parseCalendarFile(withChange({ holidays: ["2026-01-01", "2026-01-01"] })),
      "$.holidays[1]",
      /repeats \$\.holidays\[0\]/,
      "WorkingCalendarNotAnException",
    );
  });
});

describe("validateCalendarYear", () => {
  it("accepts a schedule with no exceptions and the shipped data", () => {
    validateCalendarYear({ year: 2030, holidays: [], makeupWorkdays: [], source: "" });
    validateCalendarYear(parseCalendarFile(text2026));
  });

  it("makes the contract's checks on YYYYMMDD numbers", () => {
    const year =
      (holidays: number[], makeupWorkdays: number[] = []) =>
      () =>
        validateCalendarYear({ year: 2026, holidays, makeupWorkdays, source: "test" });
    assertDataError(year([20260103]), "$.holidays[0]", /20260103 is a Saturday/, "WorkingCalendarNotAnException");
    assertDataError(year([20260229]), "$.holidays[0]", /not a date of 2026/, "WorkingCalendarInvalidDate");
    assertDataError(year([], [20260214, 20260214]), "$.makeupWorkdays[1]", /repeats/, "WorkingCalendarNotAnException");
    assertDataError(
      () => validateCalendarYear({ year: 2201, holidays: [], makeupWorkdays: [], source: "" }),
      "$.year",
      /2201/,
      "WorkingCalendarInvalidYear",
    );
  });
});
