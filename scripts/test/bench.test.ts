/**
 * The benchmark code runs (on a tiny size; the figures themselves are not asserted: speed is
 * measured by `npm run bench`, not by tests). The gas part needs a production build of its own
 * (minutes when cold), so here its output format is checked with the validator bench/gas.ts applies
 * to its own file, and the summary and capacity pages are generated from given JSON.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";

import { ANCHOR_KEYS, assertGasJson, OURS_KEYS, RATIO_PAIRS, type GasJson } from "../../bench/gas-keys.ts";
import { percentile } from "../../bench/results.ts";
import {
  capacityMarkdown,
  exchangeCapacityMarkdown,
  indexerCapacityMarkdown,
  summaryMarkdown,
  writeReports,
} from "../../bench/summary.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tempResults = () => mkdtempSync(path.join(tmpdir(), "onewindow-bench-"));

function bench(results: string, args: string[], timeout = 290_000) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, ONEWINDOW_BENCH_RESULTS: results },
    encoding: "utf8",
    timeout,
  });
  return run;
}

/** A gas.json with distinct made-up figures (the format, not real gas). */
function sampleGas(): GasJson {
  const ours = Object.fromEntries(OURS_KEYS.map((k, i) => [k, 40_000 + i * 1_111])) as GasJson["ours"];
  const anchors = Object.fromEntries(ANCHOR_KEYS.map((k, i) => [k, 50_000 + i * 2_222])) as GasJson["anchors"];
  const ratios = Object.fromEntries(
    RATIO_PAIRS.map(([a, b]) => [`${a}/${b}`, Math.round((ours[a] / anchors[b]) * 1000) / 1000]),
  ) as GasJson["ratios"];
  return { ours, anchors, ratios };
}

test("percentiles are nearest-rank over samples in any order; none is an error, not a blank figure", () => {
  const samples = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1
  assert.equal(percentile(samples, 50), 10);
  assert.equal(percentile(samples, 95), 19);
  assert.equal(percentile(samples, 100), 20);
  assert.equal(percentile([7], 95), 7);
  assert.throws(() => percentile([], 50), /no samples/);
});

test("capacity.md's indexer part divides by the applications the indexed chain holds", () => {
  const run = (applications?: number) =>
    indexerCapacityMarkdown({
      measuredAt: "2026-12-03T00:00:00.000Z",
      machine: "2 cores",
      chain: "test chain",
      runs: [{ seconds: 100, events: 240_000, backend: "pglite", ...(applications ? { applications } : {}) }],
    });
  // 240,000 events over 10,000 applications: 24 per application, 72,000 a day at 3,000 a day.
  assert.match(run(10_000), /≈ 24\.0 events\. One district/);
  assert.match(run(10_000), /≈ 72,000 events a day/);
  // A file from before the count was recorded: the 1,000-application chain those runs used.
  assert.match(run(), /≈ 240\.0 events\. One district/);
});

test("capacity.md's exchange part: a day's consented reads against one process's measured rate", () => {
  const text = exchangeCapacityMarkdown({
    measuredAt: "2026-12-04T00:00:00.000Z",
    results: [
      {
        backend: "postgres",
        seconds: 10,
        connections: 10,
        requests: 3_000,
        non2xx: 0,
        disclosuresPerSecond: 300,
        latencyMs: { p50: 20, p95: 40, p99: 60 },
      },
    ],
  });
  // 3,000 applications × 5 reads = 15,000 a day: 50 s at 300/s; 16 districts 240,000: 13.3 min,
  // 22 % of one process if all in one hour; X-Road's 21 million a day is 243 a second: 81 %.
  assert.match(text, /≈ 15,000 reads a day, all 16 districts ≈ 240,000/);
  assert.match(text, /\| PostgreSQL \| 300\.0 \| 40\.0 \| – \| 50 s \| 13\.3 min \| 22 % \| 81 % \|/);
});

test("gas.json format: exactly the keys of issue 9, positive integers, ratios of their pairs", () => {
  const good = sampleGas();
  assertGasJson(good);
  const bad = (mutate: (g: GasJson & Record<string, unknown>) => void, message: RegExp) => {
    const copy = structuredClone(good) as GasJson & Record<string, unknown>;
    mutate(copy);
    assert.throws(() => assertGasJson(copy), message);
  };
  bad((g) => (g.extra = 1), /unexpected keys extra/);
  bad((g) => delete (g.ours as Partial<GasJson["ours"]>).vrHallLifecycle, /ours lacks vrHallLifecycle/);
  bad((g) => ((g.anchors as Record<string, number>).safeOverhead = 1), /anchors has unexpected keys safeOverhead/);
  bad((g) => (g.ours.decideDirect = 0), /ours\.decideDirect is not a positive integer/);
  bad((g) => (g.anchors.easAttest = 1.5), /anchors\.easAttest is not a positive integer/);
  bad((g) => (g.ratios["issueSingle/easAttest"] = 1), /ratios\.issueSingle\/easAttest is 1, not/);
});

test("SUMMARY.md and capacity.md are written from the JSON present, naming the missing parts", () => {
  const results = tempResults();
  const gas = sampleGas();
  writeFileSync(path.join(results, "gas.json"), JSON.stringify(gas));
  const exchange = {
    measuredAt: "2026-11-23T00:00:00.000Z",
    results: [
      {
        backend: "pglite",
        seconds: 1,
        connections: 2,
        requests: 12345,
        non2xx: 0,
        disclosuresPerSecond: 77.7,
        latencyMs: { p50: 1, p95: 2, p99: 3 },
      },
    ],
  };
  writeFileSync(path.join(results, "exchange.json"), JSON.stringify(exchange));
  writeReports(results, { web: "bench/web.ts does not exist yet" });
  const summary = readFileSync(path.join(results, "SUMMARY.md"), "utf8");
  // Every gas key, with its figure as the table prints it.
  for (const [k, v] of [...Object.entries(gas.ours), ...Object.entries(gas.anchors)])
    assert.match(summary, new RegExp(`\`${k}\` \\| ${v.toLocaleString("en-US")} \\|`), k);
  assert.match(summary, /12,345/);
  assert.match(summary, /No `throughput\.json` yet: run `npm run bench -- throughput`/);
  assert.match(summary, /No `scale\.json` yet/);
  assert.match(summary, /Not measured: bench\/web\.ts does not exist yet/);
  assert.match(summary, /\[capacity\.md\]\(capacity\.md\)/);

  const capacity = readFileSync(path.join(results, "capacity.md"), "utf8");
  assert.equal(capacity, capacityMarkdown(gas) + exchangeCapacityMarkdown(exchange));
  // 43,200 blocks a day × 30M gas ÷ the VR hall's gas.
  const perDay = Math.round((43_200 * 30_000_000) / gas.ours.vrHallLifecycle).toLocaleString("en-US");
  assert.ok(capacity.includes(`| ${perDay} |`), `capacity.md shows ${perDay} VR-hall applications a day, gas-bound`);
  assert.match(capacity, /https:\/\/wiki\.hyperledger\.org\/display\/BESU\/QBFT\+Performance/);
  assert.match(capacity, /seeds\/003_939b9599ccf45df5\.txt/);

  // Without any JSON: every part says how to produce it, no capacity page.
  const empty = tempResults();
  assert.match(summaryMarkdown(empty), /No `gas\.json` yet: run `npm run bench -- gas`/);
  writeReports(empty);
  assert.ok(!existsSync(path.join(empty, "capacity.md")));
});

test("SUMMARY.md shows the indexer's and the web's results as tables", () => {
  const results = tempResults();
  const percentiles = (p50: number, p95: number) => ({ samples: 20, p50, p95 });
  writeFileSync(
    path.join(results, "indexer.json"),
    JSON.stringify({
      chain: "hardhat",
      backend: "pglite",
      pollingIntervalMs: 300,
      events: 4321,
      blocks: 12,
      generation: { seconds: 10, eventsPerSecond: 432 },
      catchUp: { seconds: 7.25, startupSeconds: 2, indexingSeconds: 5.25, eventsPerSecond: 823 },
      queriesMs: { applicationTrail: percentiles(11, 22), matterSavings: percentiles(3, 4) },
      lagMs: percentiles(500, 750),
    }),
  );
  writeFileSync(
    path.join(results, "web.json"),
    JSON.stringify({ routes: { "/workbench": { performance: 91, accessibility: 97, firstLoadJsKb: 123.45 } } }),
  );
  const summary = summaryMarkdown(results);
  assert.match(summary, /4,321 events in 12 blocks on hardhat, Ponder on pglite/);
  assert.match(summary, /\| 7\.3 \| 2\.0 \| 5\.3 \| 823 \|/);
  assert.match(summary, /\| applicationTrail \| 20 \| 11\.0 \| 22\.0 \|/);
  assert.match(summary, /\| lag: transaction sent → queryable \| 20 \| 500\.0 \| 750\.0 \|/);
  assert.match(summary, /\| `\/workbench` \| 91 \| 97 \| 123\.5 \|/);
  // An indexer file of another shape is still shown, not dropped.
  writeFileSync(path.join(results, "indexer.json"), JSON.stringify({ chain: "anvil", events: 5, blocks: 1 }));
  assert.match(summaryMarkdown(results), /\*\*chain\*\*: "anvil"/);
});

test("npm run bench refuses an unknown part and bad sizes, writing nothing", () => {
  const results = tempResults();
  const unknown = bench(results, ["speed"], 60_000);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown part "speed"; parts: gas, throughput, scale, exchange, indexer, web/);
  const badCount = bench(results, ["throughput", "--count", "0"], 60_000);
  assert.equal(badCount.status, 2);
  assert.match(badCount.stderr, /--count must be a positive integer/);
  const badScale = bench(results, ["scale", "--licences", "many"], 60_000);
  assert.equal(badScale.status, 2);
  assert.match(badScale.stderr, /--licences must be an integer/);
  assert.ok(!existsSync(path.join(results, "throughput.json")) && !existsSync(path.join(results, "scale.json")));
});

test(
  "npm run bench -- throughput runs every workload on a tiny size and writes throughput.json",
  { timeout: 300_000 },
  () => {
    const results = tempResults();
    const run = bench(results, [
      "throughput",
      ...["--count", "2", "--batches", "1", "--batch-size", "4", "--runs", "1", "--chain", "hardhat"],
    ]);
    assert.equal(run.status, 0, `bench exited ${run.status}\n${run.stdout}\n${run.stderr}`);
    const written = JSON.parse(readFileSync(path.join(results, "throughput.json"), "utf8")) as {
      results: {
        chain: string;
        workload: string;
        count: number;
        sdk: { runs: number[] };
        raw: { runs: number[] };
        ratio: number;
      }[];
    };
    assert.deepEqual(
      written.results.map((r) => [r.chain, r.workload, r.count]),
      [
        ["hardhat", "issueSingle", 2],
        ["hardhat", "issueBatched", 4],
        ["hardhat", "decisions", 2],
        ["hardhat", "applications", 2],
      ],
    );
    for (const r of written.results) {
      assert.equal(r.sdk.runs.length, 1);
      assert.equal(r.raw.runs.length, 1);
      assert.ok(r.sdk.runs[0]! > 0 && r.raw.runs[0]! > 0, r.workload);
      assert.ok(Number.isFinite(r.ratio) && r.ratio > 0, r.workload);
    }
    assert.match(readFileSync(path.join(results, "SUMMARY.md"), "utf8"), /applications completed per second/);
  },
);

test(
  "npm run bench -- scale issues licences and completes VR-hall applications on a tiny size",
  { timeout: 300_000 },
  () => {
    const results = tempResults();
    const run = bench(results, [
      "scale",
      ...["--licences", "5", "--batch-size", "4", "--applications", "1", "--in-flight", "1", "--no-indexer"],
      // anvil (not the default hardhat node) for its state dump, with --prune-history 256.
      ...["--chain", "anvil"],
    ]);
    assert.equal(run.status, 0, `bench exited ${run.status}\n${run.stdout}\n${run.stderr}`);
    const scale = JSON.parse(readFileSync(path.join(results, "scale.json"), "utf8")) as {
      requested: { licences: number; applications: number };
      licences: { count: number; batches: number; gas: number };
      applications: { count: number; transactions: number; gas: number };
      chainData: { blocks: number; blockBytes: number; stateDumpBytes: number | null };
      indexer: unknown;
      indexerReason: string;
    };
    assert.deepEqual(scale.requested, { licences: 5, applications: 1 });
    assert.equal(scale.licences.count, 5);
    assert.equal(scale.licences.batches, 2);
    assert.ok(scale.licences.gas > 0);
    assert.equal(scale.applications.count, 1);
    // Submission and the decisions of six departments (two votes for 2-of-3, one signed 3-of-5).
    assert.ok(scale.applications.transactions >= 7, `${scale.applications.transactions} transactions`);
    assert.ok(scale.applications.gas > scale.licences.gas);
    assert.ok(scale.chainData.blocks > scale.applications.transactions);
    assert.ok(scale.chainData.blockBytes > 0 && (scale.chainData.stateDumpBytes ?? 0) > 0);
    assert.equal(scale.indexer, null);
    assert.match(scale.indexerReason, /--no-indexer/);
    assert.match(readFileSync(path.join(results, "SUMMARY.md"), "utf8"), /\*\*Reduced size\*\*/);
  },
);

test("npm run bench -- exchange runs on a tiny size and writes its result file", { timeout: 300_000 }, () => {
  const results = tempResults();
  const run = bench(results, ["exchange", "--seconds", "1", "--connections", "2", "--backend", "pglite"]);
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
