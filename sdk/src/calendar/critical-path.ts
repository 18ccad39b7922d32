/**
 * The approval flow of a service matter as a DAG of department steps with time limits in working
 * days: its critical path (the longest chain of time limits, what the applicant waits when every
 * step takes its full limit and independent steps run in parallel), the sequential total (every
 * step one after another, as before the reform), and the deadlines projected on a calendar.
 */
import type { WorkingDayCalendar } from "./calendar.ts";
import { checkTimestamp, MAX_WORKING_DAYS } from "./days.ts";
import { MatterStepsError } from "../errors/calendar.ts";

/** One step of a matter's flow. */
export type MatterStep = {
  /** Deciding department (DepartmentRegistry id); not used by the computation. */
  department?: number | undefined;
  /**
   * The steps that must be approved first: their indexes, or a mask with bit i set for step i (as
   * `IServiceCatalog.Step.dependsOn`).
   */
  dependsOn: readonly number[] | bigint | number;
  /** Statutory time limit in working days, counted from activation (1..1000). */
  limitDays: number;
};

/** A step's place in the schedule, in working days from the start of the application. */
export type ScheduledStep = {
  /** Working days after which the step becomes active at the earliest (all it depends on done). */
  earliestStart: number;
  /** `earliestStart + limitDays`. */
  earliestFinish: number;
  /** Working days the step may slip without delaying the matter; 0 on a critical path. */
  slack: number;
};

/** What {@link criticalPath} returns. */
export type CriticalPathReturnType = {
  /** Working days of the critical path: the matter's duration when steps run in parallel. */
  days: number;
  /** Step indexes along one critical path, first step first. */
  path: number[];
  /** The sum of all time limits: the duration when the steps run one after another. */
  sequentialDays: number;
  /** Each step's earliest start and finish and its slack, by step index. */
  steps: ScheduledStep[];
};

/**
 * The critical path of a matter's steps: the longest chain of time limits through the
 * dependencies (the same figure as `ServiceCatalog.durations`), one chain that has it, and the
 * sequential total. Steps may be in any order; a dependency on a missing step, on the step itself,
 * a cycle or a bad time limit throws a {@link MatterStepsError}. Where two chains tie, the path
 * takes the lower step index.
 *
 * @example
 * // VR experience hall: market supervision → housing → fire → culture.
 * criticalPath([
 *   { dependsOn: [], limitDays: 3 },
 *   { dependsOn: [0], limitDays: 8 },
 *   { dependsOn: [0], limitDays: 12 },
 *   { dependsOn: [1], limitDays: 6 },
 *   { dependsOn: [0], limitDays: 9 },
 *   { dependsOn: [1, 2, 3, 4], limitDays: 9 },
 * ]); // { days: 26, path: [0, 1, 3, 5], sequentialDays: 47, steps: [...] }
 */
export function criticalPath(steps: readonly MatterStep[]): CriticalPathReturnType {
  const dependencies = dependenciesOf(steps);
  const order = topologicalOrder(dependencies);
  const finish = new Array<number>(steps.length).fill(0);
  const start = new Array<number>(steps.length).fill(0);
  /** The dependency that the step waits for longest, or -1. */
  const previous = new Array<number>(steps.length).fill(-1);
  for (const i of order) {
    for (const j of dependencies[i]!) {
      // Dependencies ascend, so on a tie the lower index stays.
      if (finish[j]! > start[i]!) {
        start[i] = finish[j]!;
        previous[i] = j;
      }
    }
    finish[i] = start[i]! + steps[i]!.limitDays;
  }
  let end = 0;
  for (let i = 1; i < steps.length; i++) if (finish[i]! > finish[end]!) end = i;
  const days = finish[end]!;
  const path: number[] = [];
  for (let i = end; i !== -1; i = previous[i]!) path.unshift(i);

  // Latest finish without delaying the matter, backwards through the order.
  const latestFinish = new Array<number>(steps.length).fill(days);
  for (const i of [...order].reverse()) {
    const latestStart = latestFinish[i]! - steps[i]!.limitDays;
    for (const j of dependencies[i]!) latestFinish[j] = Math.min(latestFinish[j]!, latestStart);
  }
  return {
    days,
    path,
    sequentialDays: steps.reduce((sum, step) => sum + step.limitDays, 0),
    steps: steps.map((_, i) => ({
      earliestStart: start[i]!,
      earliestFinish: finish[i]!,
      slack: latestFinish[i]! - finish[i]!,
    })),
  };
}

/** A step of {@link projectDeadlines}' answer, in Unix seconds. */
export type ProjectedStep = {
  /** When the step becomes active at the latest: the start, or the last deadline of the steps it depends on. */
  start: number;
  /** The end (23:59:59 local) of its `limitDays`-th working day after the day of `start`. */
  deadline: number;
};

/** What {@link projectDeadlines} returns. */
export type ProjectDeadlinesReturnType = {
  /** Each step's start and deadline, by step index. */
  steps: ProjectedStep[];
  /** The last deadline: when the matter is decided at the latest. */
  deadline: number;
  /** Working days from the start to `deadline` (the critical path's length). */
  days: number;
  /** Step indexes along a critical path. */
  path: number[];
};

/**
 * Projects a matter's deadlines on a working calendar, as the approval engine sets them: a step
 * becomes active when every step it depends on is approved, and its deadline is the end of the
 * `limitDays`-th working day after its activation day. Each step is assumed to be approved at its
 * deadline, so each `start` is the earliest the step can be sure to start, and `deadline` the
 * latest the application completes if every department keeps its time limit.
 *
 * @param start when the application is submitted (Unix seconds).
 * @example
 * const projection = projectDeadlines(calendar, Date.parse("2026-02-12T10:00:00+08:00") / 1000, vrHallSteps);
 * new Date(projection.deadline * 1000); // 26 working days later: 2026-03-26 23:59:59 Beijing
 */
export function projectDeadlines(
  calendar: WorkingDayCalendar,
  start: number,
  steps: readonly MatterStep[],
): ProjectDeadlinesReturnType {
  checkTimestamp(start);
  const dependencies = dependenciesOf(steps);
  const order = topologicalOrder(dependencies);
  const projected = new Array<ProjectedStep>(steps.length);
  for (const i of order) {
    const activation = Math.max(start, ...dependencies[i]!.map((j) => projected[j]!.deadline));
    projected[i] = { start: activation, deadline: calendar.addWorkingDays(activation, steps[i]!.limitDays) };
  }
  const path = criticalPath(steps).path;
  const deadline = Math.max(...projected.map((step) => step.deadline));
  return { steps: projected, deadline, days: calendar.workingDaysBetween(start, deadline), path };
}

/**
 * The steps of a matter version as `ServiceCatalog.getVersion` returns them
 * (`{ departmentId, dependsOn, timeLimit }`), in the form {@link criticalPath} takes.
 */
export function matterStepsOf(
  steps: readonly { departmentId: number; dependsOn: number | bigint; timeLimit: number }[],
): MatterStep[] {
  return steps.map((step) => ({ department: step.departmentId, dependsOn: step.dependsOn, limitDays: step.timeLimit }));
}

/** Each step's dependencies as sorted, checked step indexes; checks the time limits. */
function dependenciesOf(steps: readonly MatterStep[]): number[][] {
  if (steps.length === 0) throw new MatterStepsError({ reason: "a matter needs at least one step" });
  return steps.map((step, i) => {
    const { limitDays } = step;
    if (!Number.isSafeInteger(limitDays) || limitDays < 1 || limitDays > MAX_WORKING_DAYS) {
      throw new MatterStepsError({
        step: i,
        reason: `time limit ${limitDays} is not a whole number of working days from 1 to ${MAX_WORKING_DAYS}`,
      });
    }
    const indexes = indexesOf(step.dependsOn, i);
    for (const j of indexes) {
      if (!Number.isSafeInteger(j) || j < 0 || j >= steps.length) {
        throw new MatterStepsError({ step: i, reason: `depends on step ${j}, which does not exist` });
      }
      if (j === i) throw new MatterStepsError({ step: i, reason: "depends on itself" });
    }
    return [...new Set(indexes)].sort((a, b) => a - b);
  });
}

/** The step indexes of a dependency list or mask. */
function indexesOf(dependsOn: MatterStep["dependsOn"], step: number): number[] {
  if (typeof dependsOn === "object") return [...dependsOn];
  let mask: bigint;
  if (typeof dependsOn === "bigint") mask = dependsOn;
  else if (Number.isSafeInteger(dependsOn)) mask = BigInt(dependsOn);
  else throw new MatterStepsError({ step, reason: `dependency mask ${dependsOn} is not a whole number` });
  if (mask < 0n) throw new MatterStepsError({ step, reason: `dependency mask ${mask} is negative` });
  const indexes: number[] = [];
  for (let j = 0; mask > 0n; j++, mask >>= 1n) if (mask & 1n) indexes.push(j);
  return indexes;
}

/** Kahn's order of the steps (dependencies first); a cycle throws, naming its steps. */
function topologicalOrder(dependencies: readonly number[][]): number[] {
  const waiting = dependencies.map((d) => d.length);
  const dependants = dependencies.map(() => [] as number[]);
  dependencies.forEach((d, i) => d.forEach((j) => dependants[j]!.push(i)));
  const ready = waiting.flatMap((count, i) => (count === 0 ? [i] : []));
  const order: number[] = [];
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(i);
    for (const k of dependants[i]!) if (--waiting[k]! === 0) ready.push(k);
  }
  if (order.length < dependencies.length) {
    const cycle = findCycle(dependencies, waiting);
    throw new MatterStepsError({ step: cycle[0], reason: `steps ${cycle.join(" → ")} form a cycle`, cycle });
  }
  return order;
}

/** A cycle among the steps left waiting: follow unfinished dependencies until a step repeats. */
function findCycle(dependencies: readonly number[][], waiting: readonly number[]): number[] {
  let current = waiting.findIndex((count) => count > 0);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  while (!seenAt.has(current)) {
    seenAt.set(current, walk.length);
    walk.push(current);
    current = dependencies[current]!.find((j) => waiting[j]! > 0)!;
  }
  // `walk` follows "depends on" edges; show the cycle in the order the steps would run.
  // Start it at its lowest step.
  const cycle = walk.slice(seenAt.get(current)).reverse();
  const first = cycle.indexOf(Math.min(...cycle));
  const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
  return [...rotated, rotated[0]!];
}
