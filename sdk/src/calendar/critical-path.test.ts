import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import fc from "fast-check";

import { WorkingDayCalendar } from "./calendar.ts";
import { criticalPath, matterStepsOf, projectDeadlines, type MatterStep } from "./critical-path.ts";
import { MatterStepsError } from "../errors/calendar.ts";
import { parseCalendarFile } from "./year.ts";

/**
 * The VR experience hall (我要开VR体验馆) as in test/helpers/haidian.ts: departments 1 market
 * supervision, 2 housing, 3 health, 4 fire, 5 ecology, 6 culture and tourism.
 */
const VR_HALL: MatterStep[] = [
  { department: 1, dependsOn: [], limitDays: 3 }, // 0 business registration
  { department: 2, dependsOn: [0], limitDays: 8 }, // 1 construction / completion filing
  { department: 3, dependsOn: [0], limitDays: 12 }, // 2 public-place hygiene licence
  { department: 4, dependsOn: [1], limitDays: 6 }, // 3 fire safety inspection
  { department: 5, dependsOn: [0], limitDays: 9 }, // 4 environmental impact filing
  { department: 6, dependsOn: [1, 2, 3, 4], limitDays: 9 }, // 5 entertainment business licence
];

const calendar = new WorkingDayCalendar({
  years: [2026, 2027].map((year) =>
    parseCalendarFile(readFileSync(new URL(`../../../scripts/data/calendar/cn-${year}.json`, import.meta.url), "utf8")),
  ),
});
const beijing = (localTime: string) => Date.parse(`${localTime}:00+08:00`) / 1000;
const endOf = (date: string) => beijing(`${date}T23:59`) + 59;

/** ServiceCatalog.durations: steps depend on earlier steps only, finish = max(finish of deps) + limit. */
function contractDurations(steps: readonly { dependsOn: number; limitDays: number }[]) {
  const finish: number[] = [];
  let critical = 0;
  let sequential = 0;
  steps.forEach((step, i) => {
    let start = 0;
    for (let j = 0; j < i; j++) if ((step.dependsOn >> j) & 1 && finish[j]! > start) start = finish[j]!;
    finish[i] = start + step.limitDays;
    critical = Math.max(critical, finish[i]!);
    sequential += step.limitDays;
  });
  return { critical, sequential };
}

describe("criticalPath", () => {
  it("gives the VR hall's 26 working days in parallel against 47 one after another", () => {
    const result = criticalPath(VR_HALL);
    assert.equal(result.days, 26);
    assert.equal(result.sequentialDays, 47);
    assert.deepEqual(result.path, [0, 1, 3, 5]); // market supervision → housing → fire → culture
    assert.deepEqual(
      result.steps.map((s) => [s.earliestStart, s.earliestFinish, s.slack]),
      [
        [0, 3, 0],
        [3, 11, 0],
        [3, 15, 2], // health may take 2 days more
        [11, 17, 0],
        [3, 12, 5], // ecology may take 5 days more
        [17, 26, 0],
      ],
    );
  });

  it("takes dependency masks (number or bigint) as the catalogue stores them", () => {
    const masks = VR_HALL.map((step) => ({
      ...step,
      dependsOn: (step.dependsOn as number[]).reduce((mask, i) => mask | (1 << i), 0),
    }));
    assert.equal(criticalPath(masks).days, 26);
    assert.equal(criticalPath(masks.map((s) => ({ ...s, dependsOn: BigInt(s.dependsOn) }))).days, 26);
    const fromCatalogue = matterStepsOf(
      masks.map((s) => ({ departmentId: s.department!, dependsOn: s.dependsOn, timeLimit: s.limitDays })),
    );
    assert.deepEqual(criticalPath(fromCatalogue).path, [0, 1, 3, 5]);
  });

  it("handles steps in any order", () => {
    // The VR hall reversed: step i here is step 5 - i there.
    const reversed = [...VR_HALL].reverse().map((step) => ({
      ...step,
      dependsOn: (step.dependsOn as number[]).map((j) => 5 - j),
    }));
    const result = criticalPath(reversed);
    assert.equal(result.days, 26);
    assert.deepEqual(result.path, [5, 4, 2, 0]);
  });

  it("agrees with ServiceCatalog.durations on random DAGs", () => {
    const dag = fc
      .array(fc.record({ mask: fc.nat(), limitDays: fc.integer({ min: 1, max: 60 }) }), {
        minLength: 1,
        maxLength: 16,
      })
      .map((steps) => steps.map((s, i) => ({ dependsOn: s.mask & ((1 << i) - 1), limitDays: s.limitDays })));
    fc.assert(
      fc.property(dag, (steps) => {
        const result = criticalPath(steps);
        const expected = contractDurations(steps);
        assert.equal(result.days, expected.critical);
        assert.equal(result.sequentialDays, expected.sequential);
        // The path is a chain of dependencies whose limits add up to the critical path.
        assert.equal(
          result.path.reduce((sum, i) => sum + steps[i]!.limitDays, 0),
          result.days,
        );
        result.path.slice(1).forEach((step, k) => assert.ok((steps[step]!.dependsOn >> result.path[k]!) & 1));
        assert.ok(result.steps.every((s) => s.slack >= 0));
        for (const i of result.path) assert.equal(result.steps[i]!.slack, 0);
      }),
    );
  });

  it("rejects cycles and bad dependencies with a clear error", () => {
    assert.throws(
      () =>
        criticalPath([
          { dependsOn: [], limitDays: 1 },
          { dependsOn: [0, 3], limitDays: 2 },
          { dependsOn: [1], limitDays: 3 },
          { dependsOn: [2], limitDays: 4 },
        ]),
      (error: unknown) => {
        assert.ok(error instanceof MatterStepsError);
        assert.equal(error.code, "MATTER_STEPS_CYCLE");
        assert.deepEqual(error.cycle, [1, 2, 3, 1]);
        assert.match(error.message, /steps 1 → 2 → 3 → 1 form a cycle/);
        assert.match(error.messages.zh, /循环依赖/);
        return true;
      },
    );
    const invalid = (steps: MatterStep[], step: number | undefined, reason: RegExp) =>
      assert.throws(
        () => criticalPath(steps),
        (error: unknown) => {
          assert.ok(error instanceof MatterStepsError);
          assert.equal(error.code, "MATTER_STEPS_INVALID");
          assert.equal(error.step, step);
          assert.match(error.reason, reason);
          return true;
        },
      );
    invalid([], undefined, /at least one step/);
    invalid([{ dependsOn: [0], limitDays: 1 }], 0, /depends on itself/);
    invalid([{ dependsOn: 0b10, limitDays: 1 }], 0, /step 1, which does not exist/);
    invalid([{ dependsOn: [-1], limitDays: 1 }], 0, /step -1/);
    invalid([{ dependsOn: [0.5], limitDays: 1 }], 0, /step 0.5/);
    invalid([{ dependsOn: -1n, limitDays: 1 }], 0, /negative/);
    invalid([{ dependsOn: [], limitDays: 0 }], 0, /time limit 0/);
    invalid([{ dependsOn: [], limitDays: 1001 }], 0, /time limit 1001/);
  });
});

describe("projectDeadlines", () => {
  it("projects the VR hall from 12 February 2026 across the Spring Festival", () => {
    const start = beijing("2026-02-12T10:00");
    const projection = projectDeadlines(calendar, start, VR_HALL);
    // Working days after 02-12: 02-13, 02-14 (make-up), 02-24 (3), …, 03-12 (16), …, 03-26 (26).
    assert.equal(projection.steps[0]!.deadline, endOf("2026-02-24"));
    assert.equal(projection.steps[1]!.start, endOf("2026-02-24"));
    assert.equal(projection.steps[1]!.deadline, calendar.addWorkingDays(start, 11));
    assert.equal(projection.steps[5]!.start, calendar.addWorkingDays(start, 17));
    assert.equal(projection.deadline, endOf("2026-03-26"));
    assert.equal(projection.deadline, calendar.addWorkingDays(start, 26));
    assert.equal(projection.days, 26);
    assert.deepEqual(projection.path, [0, 1, 3, 5]);
    // Every step ends its earliest finish working days after the start.
    const { steps } = criticalPath(VR_HALL);
    projection.steps.forEach((step, i) => {
      assert.equal(step.deadline, calendar.addWorkingDays(start, steps[i]!.earliestFinish));
      assert.equal(calendar.workingDaysBetween(start, step.start), steps[i]!.earliestStart);
    });
  });

  it("rejects a cycle before counting", () => {
    assert.throws(
      () =>
        projectDeadlines(calendar, beijing("2026-03-02T10:00"), [
          { dependsOn: [1], limitDays: 1 },
          { dependsOn: [0], limitDays: 1 },
        ]),
      { name: "MatterStepsError", code: "MATTER_STEPS_CYCLE" },
    );
  });
});
