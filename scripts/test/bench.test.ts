/**
 * The benchmark code runs (on a tiny size; the figures themselves are not asserted: speed is
 * measured by `npm run bench`, not by tests).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

test("npm run bench -- throughput runs on a tiny size and writes its result file", { timeout: 300_000 }, () => {
  const results = mkdtempSync(path.join(tmpdir(), "onewindow-bench-"));
  const run = spawnSync(
    "npm",
    ["run", "--silent", "bench", "--", "throughput", "--applications", "3", "--runs", "1", "--chain", "hardhat"],
    { env: { ...process.env, ONEWINDOW_BENCH_RESULTS: results }, encoding: "utf8", timeout: 290_000 },
  );
  assert.equal(run.status, 0, `bench exited ${run.status}\n${run.stdout}\n${run.stderr}`);
  const written = JSON.parse(readFileSync(path.join(results, "throughput-decisions.json"), "utf8")) as {
    results: { chain: string; applications: number; sdk: { runs: number[] }; raw: { runs: number[] }; ratio: number }[];
  };
  assert.equal(written.results.length, 1);
  const [result] = written.results;
  assert.equal(result!.chain, "hardhat");
  assert.equal(result!.applications, 3);
  assert.equal(result!.sdk.runs.length, 1);
  assert.equal(result!.raw.runs.length, 1);
  assert.ok(result!.sdk.runs[0]! > 0 && result!.raw.runs[0]! > 0);
  assert.ok(Number.isFinite(result!.ratio) && result!.ratio > 0);
});

test("npm run bench -- exchange runs on a tiny size and writes its result file", { timeout: 300_000 }, () => {
  const results = mkdtempSync(path.join(tmpdir(), "onewindow-bench-"));
  const run = spawnSync(
    "npm",
    ["run", "--silent", "bench", "--", "exchange", "--seconds", "1", "--connections", "2", "--backend", "pglite"],
    { env: { ...process.env, ONEWINDOW_BENCH_RESULTS: results }, encoding: "utf8", timeout: 290_000 },
  );
  assert.equal(run.status, 0, `bench exited ${run.status}\n${run.stdout}\n${run.stderr}`);
  const written = JSON.parse(readFileSync(path.join(results, "exchange.json"), "utf8")) as {
    results: { backend: string; requests: number; non2xx: number; latencyMs: { p50: number; p95: number } }[];
  };
  assert.equal(written.results.length, 1);
  const [result] = written.results;
  assert.equal(result!.backend, "pglite");
  assert.ok(result!.requests > 0);
  assert.equal(result!.non2xx, 0);
  assert.ok(result!.latencyMs.p50 > 0 && result!.latencyMs.p95 >= result!.latencyMs.p50);
});
