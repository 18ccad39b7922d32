/** Where the benchmarks write (bench/results/, or $ONEWINDOW_BENCH_RESULTS) and how. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function resultsDirectory(): string {
  const directory = process.env.ONEWINDOW_BENCH_RESULTS ?? path.resolve(import.meta.dirname, "results");
  mkdirSync(directory, { recursive: true });
  return directory;
}

export function writeJson(directory: string, name: string, value: unknown): string {
  const file = path.join(directory, name);
  writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
  return file;
}

/** The parsed JSON file, or undefined when it does not exist (a part not run yet). */
export function readJson<T>(directory: string, name: string): T | undefined {
  const file = path.join(directory, name);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/** Median, min and max of a series of runs. */
export type Measurement = { runs: number[]; median: number; min: number; max: number };

export function measurement(runs: number[]): Measurement {
  if (runs.length === 0) throw new Error("measurement: no runs");
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runs, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The nearest-rank percentile `p` (0–100) of samples, in any order. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
