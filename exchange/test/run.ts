/**
 * `npm test --workspace exchange`: one hardhat node with OneWindow deployed for every test file,
 * and a throwaway PostgreSQL server (@onewindow/testkit/postgres) so the storage suites run on PGlite
 * and on PostgreSQL, unless ONEWINDOW_TEST_DATABASE_URL is already set or EXCHANGE_TEST_PG=0.
 * Extra arguments name test files (default: test/*.test.ts).
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

import { deployOneWindow, startChain } from "@onewindow/testkit/local-chain";
import { postgresBin, startPostgres } from "@onewindow/testkit/postgres";

const here = import.meta.dirname;
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(here)
      .filter((f) => f.endsWith(".test.ts"))
      .sort()
      .map((f) => path.join(here, f));

const chain = await startChain("hardhat");
let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
let code = 1;
try {
  const deployment = deployOneWindow(chain);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ONEWINDOW_TEST_RPC_URL: chain.rpcUrl,
    ONEWINDOW_TEST_DEPLOYMENT: deployment,
  };
  if (process.env.CI && !env.ONEWINDOW_TEST_DATABASE_URL && !postgresBin()) {
    throw new Error("CI must test the exchange on PostgreSQL too, and none is installed (.ci/run installs it)");
  }
  if (!env.ONEWINDOW_TEST_DATABASE_URL && process.env.EXCHANGE_TEST_PG !== "0" && postgresBin()) {
    postgres = await startPostgres();
    env.ONEWINDOW_TEST_DATABASE_URL = postgres.url;
  }
  process.stdout.write(
    `exchange tests on ${chain.rpcUrl}${env.ONEWINDOW_TEST_DATABASE_URL ? " with PGlite and PostgreSQL" : " with PGlite"}\n`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
    env,
    stdio: "inherit",
    cwd: path.resolve(here, ".."),
  });
  code = await new Promise<number>((resolve) => child.once("exit", (c) => resolve(c ?? 1)));
} finally {
  await postgres?.stop();
  await chain.stop();
}
process.exit(code);
