/**
 * `npm run bench [-- <part> [options]]`: the benchmarks, one part or all of them. Results go to
 * bench/results/ (or $ONEWINDOW_BENCH_RESULTS).
 *
 *   gas         exact gas per operation, production compiler profile (scripts/gas.ts)
 *   throughput  decisions per second, SDK vs raw viem, on hardhat node and anvil (bench/throughput.ts)
 *   exchange    disclosures per second and p50/p95 latency on loopback, PGlite and PostgreSQL (bench/exchange.ts)
 */
import { spawnSync } from "node:child_process";

const PARTS: Record<string, string[]> = {
  gas: ["npx", "hardhat", "run", "--build-profile", "production", "scripts/gas.ts"],
  throughput: [process.execPath, "--import", "tsx", "bench/throughput.ts"],
  exchange: [process.execPath, "--import", "tsx", "bench/exchange.ts"],
};

const [part, ...rest] = process.argv.slice(2);
if (part !== undefined && !(part in PARTS)) {
  console.error(`bench: unknown part "${part}"; parts: ${Object.keys(PARTS).join(", ")}`);
  process.exit(2);
}
for (const name of part === undefined ? Object.keys(PARTS) : [part]) {
  const [command, ...args] = PARTS[name]!;
  console.error(`bench: ${name}`);
  const run = spawnSync(command!, [...args, ...(part === undefined ? [] : rest)], { stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
