/**
 * `npm run test:sdk`: the SDK's unit tests (sdk/src/**\/*.test.ts), then its chain tests
 * (sdk/test/**\/*.test.ts) twice, on two independent chain clients, each started here on a free
 * loopback port, deployed with Ignition, and stopped after:
 *
 *   1. hardhat node (automine);
 *   2. anvil --block-time 1 (interval mining: nothing may assume a transaction is mined at once).
 *
 *   npm run test:sdk [-- --chain hardhat|anvil] [-- --only unit|chain] [-- --files test/x.test.ts]
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
  },
});
const chains = (options.chain ?? ["hardhat", "anvil"]) as ChainClient[];

let passed = 0;
let failed = 0;

/** Runs node:test on `files` with `env`; adds its counts; resolves to its exit code. */
function runNodeTest(label: string, files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
      { cwd: "sdk", env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] },
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
      console.log(`=== sdk ${label}: ${p} passed, ${f} failed (exit ${code})`);
      resolve(code ?? 1);
    });
  });
}

let status = 0;
if (options.only !== "chain") {
  const unit = globSync("src/**/*.test.ts", { cwd: "sdk" });
  const code = await runNodeTest("unit", unit, {});
  status ||= code;
}
if (options.only !== "unit") {
  const files = options.files ?? globSync("test/**/*.test.ts", { cwd: "sdk" });
  for (const client of chains) {
    const started = Date.now();
    const chain = await startChain(client, { blockTime: 1 });
    try {
      const deployment = deployOneWindow(chain);
      console.log(
        `=== sdk on ${client} (${chain.rpcUrl}), deployed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      const code = await runNodeTest(`chain tests on ${client}`, files, {
        ONEWINDOW_TEST_RPC_URL: chain.rpcUrl,
        ONEWINDOW_TEST_DEPLOYMENT: deployment,
        ONEWINDOW_TEST_CHAIN: client,
      });
      status ||= code;
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
