/**
 * `npm run bench [-- <part> [options]]`: the benchmarks, one part or all of them. Results go to
 * bench/results/ (or $ONEWINDOW_BENCH_RESULTS); each part rewrites SUMMARY.md, and the full run
 * writes it once more at the end, noting parts that could not run.
 *
 *   gas         exact gas, ours vs EAS / DocumentStore / Safe, production profile (bench/gas.ts)
 *   throughput  licences, decisions, applications per second, SDK vs raw viem, hardhat and anvil (bench/throughput.ts)
 *   scale       1,000,000 licences and 10,000 VR-hall applications on a local node (bench/scale.ts)
 *   exchange    disclosures per second and p50/p95 latency on loopback, PGlite and PostgreSQL (bench/exchange.ts)
 *   indexer     the indexer's catch-up time (bench/indexer.ts)
 *   web         Lighthouse scores of the web app (bench/web.ts)
 *   seal        the national seal: ms to seal and verify (median of 1,000), bytes added (bench/seal.ts)
 *   credentials W3C VC / SD-JWT VC export and verify times, status list sizes for 1,000,000 licences (bench/credentials.ts)
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

import { resultsDirectory } from "./results.ts";
import { writeReports, type MissingParts } from "./summary.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const tsx = (file: string) => [process.execPath, "--import", "tsx", file];

/** Each part: the script it runs (checked to exist) and its command line. */
export const PARTS: Record<
  string,
  { script: string; command: string[]; env?: Record<string, string>; prepare?: string[] }
> = {
  gas: {
    script: "bench/gas.ts",
    // Only the contracts: `hardhat run` would also compile the Solidity tests (forge-std, fuzz
    // suites), about half of a cold production build, which the gas part never deploys.
    prepare: ["npx", "hardhat", "build", "--build-profile", "production", "--no-tests", "--quiet"],
    command: ["npx", "hardhat", "run", "--no-compile", "--build-profile", "production", "bench/gas.ts"],
    // The production build keeps its own artifacts and cache (hardhat.config.ts), so a second run
    // does not recompile after `npm run build` rebuilt the default profile.
    env: { ONEWINDOW_BUILD_DIR: process.env.ONEWINDOW_BUILD_DIR ?? "cache/production" },
  },
  throughput: { script: "bench/throughput.ts", command: tsx("bench/throughput.ts") },
  scale: { script: "bench/scale.ts", command: tsx("bench/scale.ts") },
  exchange: { script: "bench/exchange.ts", command: tsx("bench/exchange.ts") },
  indexer: { script: "bench/indexer.ts", command: tsx("bench/indexer.ts") },
  web: { script: "bench/web.ts", command: tsx("bench/web.ts") },
  seal: { script: "bench/seal.ts", command: tsx("bench/seal.ts") },
  credentials: { script: "bench/credentials.ts", command: tsx("bench/credentials.ts") },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const [part, ...rest] = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
  if (part !== undefined && !(part in PARTS)) {
    console.error(
      `bench: unknown part "${part}"; parts: ${Object.keys(PARTS).join(", ")} / 未知的基准部分 "${part}"，可选：${Object.keys(PARTS).join("、")}`,
    );
    process.exit(2);
  }
  const missing: MissingParts = {};
  let failed = 0;
  for (const name of part === undefined ? Object.keys(PARTS) : [part]) {
    const { script, command, env, prepare } = PARTS[name]!;
    if (!existsSync(path.join(ROOT, script))) {
      const reason = `${script} does not exist yet (the part is added by another issue) / ${script} 尚不存在`;
      console.error(`bench: ${name}: skipped: ${reason}`);
      missing[name] = `${script} does not exist yet`;
      if (part !== undefined) process.exit(3);
      continue;
    }
    console.error(`bench: ${name}`);
    const started = performance.now();
    const spawn = (line: string[], extra: string[] = []) =>
      spawnSync(line[0]!, [...line.slice(1), ...extra], {
        stdio: "inherit",
        cwd: ROOT,
        env: { ...process.env, ...env },
      });
    const prepared = prepare === undefined ? undefined : spawn(prepare);
    const run = prepared && prepared.status !== 0 ? prepared : spawn(command, part === undefined ? [] : rest);
    console.error(`bench: ${name}: exit ${run.status}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (run.status !== 0) {
      if (part !== undefined) process.exit(run.status ?? 1);
      missing[name] = `\`npm run bench -- ${name}\` failed (exit ${run.status}); see its output`;
      failed++;
    }
  }
  if (part === undefined) {
    const directory = resultsDirectory();
    writeReports(directory, missing);
    console.error(`bench: wrote ${path.join(directory, "SUMMARY.md")}`);
    if (failed > 0) process.exit(1);
  }
}
