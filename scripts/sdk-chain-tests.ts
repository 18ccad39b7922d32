/**
 * `npm run test:sdk`: the unit tests of the SDK and of its CLI (sdk/src/**\/*.test.ts,
 * cli/src/**\/*.test.ts, each beside its code), then their chain tests (the `*.chain.test.ts` among
 * them, which the workspaces' own `npm test` leaves out) twice, on two independent chain clients,
 * each started here on a free loopback port, deployed with Ignition, and stopped after:
 *
 *   1. hardhat node (automine);
 *   2. anvil --block-time 1 (interval mining: nothing may assume a transaction is mined at once).
 *
 *   npm run test:sdk [-- --chain hardhat|anvil] [-- --only unit|chain] [-- --files sdk/src/x/x.chain.test.ts]
 *                    [-- --block-time 2] [-- --earlier-deployments 1]
 *
 * `--block-time <s>`: anvil's block period (default 1; 2 is a Besu QBFT network's). `--earlier-deployments <n>`:
 * deploy (and load a little) n times before the deployment tested, so the tests run on a chain with history.
 *
 * `--files` paths are relative to the repository root (sdk/… or cli/…).
 *
 * Prints node:test's output per run and a last `# pass N` / `# fail N` summing all runs; exits
 * non-zero if any run failed.
 */
import { spawn } from "node:child_process";
import { globSync } from "node:fs";
import { parseArgs } from "node:util";

import { deployOneWindow, startChain, type ChainClient } from "@onewindow/testkit/local-chain";

const { values: options } = parseArgs({
  options: {
    chain: { type: "string", multiple: true },
    only: { type: "string" },
    files: { type: "string", multiple: true },
    "block-time": { type: "string", default: "1" },
    "earlier-deployments": { type: "string", default: "0" },
  },
});
const chains = (options.chain ?? ["hardhat", "anvil"]) as ChainClient[];

/** The workspaces tested here (their test files are globbed relative to them). */
const WORKSPACES = ["sdk", "cli"] as const;
type Workspace = (typeof WORKSPACES)[number];
const CHAIN_TESTS = "src/**/*.chain.test.ts";

/** A workspace's unit test files: every test that is not a chain test. */
function unitFilesOf(workspace: Workspace): string[] {
  return globSync("src/**/*.test.ts", { cwd: workspace, exclude: (file) => file.endsWith(".chain.test.ts") });
}

/** A workspace's chain test files: `--files` (relative to the root) or its chain glob. */
function chainFilesOf(workspace: Workspace): string[] {
  // In path order, as node:test runs them: the files share one chain, and hardhat's block times run
  // ahead of the clock as blocks are mined, so the order is part of what a run is.
  if (!options.files) return globSync(CHAIN_TESTS, { cwd: workspace }).sort();
  const prefix = `${workspace}/`;
  return options.files.filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length));
}

let passed = 0;
let failed = 0;

/** Runs node:test on `files` with `env`; adds its counts; resolves to its exit code. */
function runNodeTest(label: string, cwd: string, files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
      { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on("exit", (code) => {
      const p = Number(/ℹ pass (\d+)/.exec(output)?.[1] ?? 0);
      const f = Number(/ℹ fail (\d+)/.exec(output)?.[1] ?? 0);
      passed += p;
      failed += f;
      console.log(`=== ${label}: ${p} passed, ${f} failed (exit ${code})`);
      resolve(code ?? 1);
    });
  });
}

let status = 0;
if (options.only !== "chain") {
  for (const workspace of WORKSPACES) {
    const code = await runNodeTest(`${workspace} unit`, workspace, unitFilesOf(workspace), {});
    status ||= code;
  }
}
if (options.only !== "unit") {
  for (const client of chains) {
    const started = Date.now();
    const chain = await startChain(client, { blockTime: Number(options["block-time"]) });
    try {
      for (let n = 0; n < Number(options["earlier-deployments"]); n++) deployOneWindow(chain);
      const deployment = deployOneWindow(chain);
      console.log(
        `=== sdk on ${client}${client === "anvil" ? ` --block-time ${options["block-time"]}` : ""} (${chain.rpcUrl}), deployed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const workspace of WORKSPACES) {
        const files = chainFilesOf(workspace);
        if (files.length === 0) continue;
        const code = await runNodeTest(`${workspace} chain tests on ${client}`, workspace, files, {
          ONEWINDOW_TEST_RPC_URL: chain.rpcUrl,
          ONEWINDOW_TEST_DEPLOYMENT: deployment,
          ONEWINDOW_TEST_CHAIN: client,
        });
        status ||= code;
      }
    } catch (error) {
      console.error(`sdk on ${client}: ${(error as Error).message}`);
      failed += 1;
      status ||= 1;
    } finally {
      await chain.stop();
    }
  }
}
console.log(`# pass ${passed}`);
console.log(`# fail ${failed}`);
process.exit(status);
