/** The working-day and KPI arithmetic of the handlers (subgraph/schema.graphql, "Days" and "KPI lists"). */
import assert from "node:assert/strict";
import { test } from "node:test";

import { WorkingDayCalendar } from "@onewindow/sdk";

import {
  countValue,
  countsSummary,
  localDate,
  withWorkingDays,
  workingDaysBetween,
  type YearExceptions,
} from "../src/lib/days.ts";
import { eventId } from "../src/lib/ids.ts";

const BEIJING = 28_800;
const at = (iso: string) => BigInt(Date.parse(iso) / 1000);
// 2026: Oct 1-7 National Day holidays (weekdays 1,2,5,6,7), Sep 28 (Sun) and Oct 10 (Sat) worked.
const years = new Map<number, YearExceptions>([
  [2026, { holidays: [20261001, 20261002, 20261005, 20261006, 20261007], makeupWorkdays: [20260927, 20261010] }],
]);
const load = async (year: number) => years.get(year);

test("working days: start day not counted, end day counted, weekends off, holidays off, make-up days on", async () => {
  // Fri 2026-09-25 10:00 Beijing → Fri 2026-10-09 10:00: Sep 27 (make-up Sun), 28, 29, 30, Oct 8, 9.
  assert.equal(await workingDaysBetween(at("2026-09-25T02:00:00Z"), at("2026-10-09T02:00:00Z"), BEIJING, load), 6);
  // Same local day: 0. End before start: 0.
  assert.equal(await workingDaysBetween(at("2026-09-28T00:00:00Z"), at("2026-09-28T15:00:00Z"), BEIJING, load), 0);
  assert.equal(await workingDaysBetween(at("2026-09-29T00:00:00Z"), at("2026-09-28T00:00:00Z"), BEIJING, load), 0);
  // 2026-09-28T16:30Z is already Tuesday the 29th in Beijing: Monday 28 → Tuesday 29 is one day.
  assert.equal(await workingDaysBetween(at("2026-09-28T01:00:00Z"), at("2026-09-28T16:30:00Z"), BEIJING, load), 1);
  assert.equal(await workingDaysBetween(at("2026-09-28T01:00:00Z"), at("2026-09-28T16:30:00Z"), 0, load), 0);
});

test("working days agree with the SDK's calendar (which answers as the contract does) over a year", async () => {
  const calendar = new WorkingDayCalendar({
    timeZoneOffsetSeconds: BEIJING,
    unloadedYears: "weekday-rule",
    years: [
      {
        year: 2026,
        holidays: years.get(2026)!.holidays,
        makeupWorkdays: years.get(2026)!.makeupWorkdays,
        source: "test",
      },
    ],
  });
  const start = at("2026-01-01T03:00:00Z");
  for (let days = 0; days < 360; days += 7) {
    const end = start + BigInt(days * 86_400 + 3_600 * (days % 13));
    assert.equal(
      await workingDaysBetween(start, end, BEIJING, load),
      calendar.workingDaysBetween(Number(start), Number(end)),
      `+${days} days`,
    );
  }
});

test("local date keys follow the offset", () => {
  assert.deepEqual(localDate(at("2026-11-30T17:00:00Z"), BEIJING), { date: 20261201, key: "2026-12-01" });
  assert.deepEqual(localDate(at("2026-11-30T17:00:00Z"), 0), { date: 20261130, key: "2026-11-30" });
});

test("KPI working-day counts: one entry per value; lower median; mean in hundredths, floored", () => {
  assert.deepEqual(countValue([1, 0, 2], 1), [1, 1, 2]);
  assert.deepEqual(countValue([], 3), [0, 0, 0, 1]);
  assert.deepEqual(countsSummary([]), { n: 0, lowerMedian: 0 });
  assert.deepEqual(countsSummary([0, 2, 0, 1]), { n: 3, lowerMedian: 1 }); // 1, 1, 3
  let row = { workingDaysCounts: [] as number[], totalWorkingDays: 0 };
  const seen: ReturnType<typeof withWorkingDays>[] = [];
  for (const days of [5, 1, 4, 2]) {
    const next = withWorkingDays(row, days);
    seen.push(next);
    row = next;
  }
  assert.deepEqual(seen.at(-1), {
    workingDaysCounts: [0, 1, 1, 0, 1, 1],
    totalWorkingDays: 12,
    medianWorkingDays: 2,
    meanWorkingDaysHundredths: 300,
  });
  assert.equal(seen[2]!.medianWorkingDays, 4); // 1, 4, 5
  assert.equal(withWorkingDays({ workingDaysCounts: [0, 2], totalWorkingDays: 2 }, 2).meanWorkingDaysHundredths, 133);
  // The row does not grow with the number counted: 10,000 values of at most 30 days.
  let big = withWorkingDays({ workingDaysCounts: [], totalWorkingDays: 0 }, 0);
  for (let i = 1; i < 10_000; i++) big = withWorkingDays(big, i % 31);
  assert.equal(big.workingDaysCounts.length, 31);
  assert.equal(big.medianWorkingDays, 15);
});

test("event ids: tx hash ++ log index as 4 bytes little-endian", () => {
  const hash = `0x${"AB".repeat(32)}`;
  assert.equal(eventId(hash, 1), `0x${"ab".repeat(32)}01000000`);
  assert.equal(eventId(hash, 258), `0x${"ab".repeat(32)}02010000`);
});
